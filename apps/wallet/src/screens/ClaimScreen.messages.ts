import { defineCatalog } from '@tokenos/i18n';

/** Claiming a membership a shop opened for the user's email. */
export const claimMessages = defineCatalog({
  en: {
    wrongCode:
      'That code is not right, or no membership waits for this address. Check the email and try again.',
    expired: 'This code can no longer be used. Send a new code.',
    claimed: 'This membership has already been claimed.',
    haveTitle: 'Claim a membership',
    haveText:
      'This wallet already belongs to a member. Claim a membership a shop opened for you in a wallet on a device that has none yet.',
    toWallet: 'Go to your wallet',
    title: 'Claim your membership',
    lede: 'A shop opened a membership for your email. Prove the address is yours and this device’s keys take it over: from then on only you can change it, and nothing can pay from it without your approval.',
    sent: 'If a membership waits for <strong>{address}</strong>, we sent a 6-digit code there. It works for 10 minutes.',
    claiming: 'Claiming…',
    claim: 'Claim membership',
    otherAddress: 'Use a different address',
    emailLabel: 'Email address the shop has',
  },
  de: {
    wrongCode:
      'Dieser Code stimmt nicht, oder für diese Adresse wartet keine Mitgliedschaft. Prüfen Sie die E-Mail und versuchen Sie es erneut.',
    expired: 'Dieser Code kann nicht mehr verwendet werden. Fordern Sie einen neuen Code an.',
    claimed: 'Diese Mitgliedschaft wurde bereits übernommen.',
    haveTitle: 'Mitgliedschaft übernehmen',
    haveText:
      'Diese Wallet gehört bereits einem Mitglied. Übernehmen Sie eine Mitgliedschaft, die ein Shop für Sie eröffnet hat, in einer Wallet auf einem Gerät, das noch keine hat.',
    toWallet: 'Zu Ihrer Wallet',
    title: 'Ihre Mitgliedschaft übernehmen',
    lede: 'Ein Shop hat für Ihre E-Mail-Adresse eine Mitgliedschaft eröffnet. Bestätigen Sie, dass die Adresse Ihnen gehört, und die Schlüssel dieses Geräts übernehmen sie: Danach können nur Sie sie ändern, und ohne Ihre Zustimmung kann nichts damit bezahlt werden.',
    sent: 'Wenn für <strong>{address}</strong> eine Mitgliedschaft wartet, haben wir dorthin einen 6-stelligen Code gesendet. Er gilt 10 Minuten.',
    claiming: 'Wird übernommen…',
    claim: 'Mitgliedschaft übernehmen',
    otherAddress: 'Andere Adresse verwenden',
    emailLabel: 'E-Mail-Adresse, die der Shop kennt',
  },
  fr: {
    wrongCode:
      'Ce code n’est pas bon, ou aucune adhésion n’attend cette adresse. Vérifiez l’e-mail et réessayez.',
    expired: 'Ce code ne peut plus être utilisé. Demandez un nouveau code.',
    claimed: 'Cette adhésion a déjà été récupérée.',
    haveTitle: 'Récupérer une adhésion',
    haveText:
      'Ce portefeuille appartient déjà à un membre. Récupérez une adhésion ouverte pour vous par une boutique dans un portefeuille sur un appareil qui n’en a pas encore.',
    toWallet: 'Aller à votre portefeuille',
    title: 'Récupérer votre adhésion',
    lede: 'Une boutique a ouvert une adhésion pour votre e-mail. Prouvez que l’adresse est la vôtre et les clés de cet appareil la reprennent : ensuite, vous seul pouvez la modifier, et rien ne peut être payé avec sans votre accord.',
    sent: 'Si une adhésion attend <strong>{address}</strong>, nous y avons envoyé un code à 6 chiffres. Il est valable 10 minutes.',
    claiming: 'Récupération…',
    claim: 'Récupérer l’adhésion',
    otherAddress: 'Utiliser une autre adresse',
    emailLabel: 'Adresse e-mail connue de la boutique',
  },
  es: {
    wrongCode:
      'Ese código no es correcto, o no hay ninguna membresía esperando para esta dirección. Revisa el correo e inténtalo de nuevo.',
    expired: 'Este código ya no se puede usar. Pide un código nuevo.',
    claimed: 'Esta membresía ya ha sido reclamada.',
    haveTitle: 'Reclamar una membresía',
    haveText:
      'Este monedero ya pertenece a un miembro. Reclama una membresía que una tienda abrió para ti en un monedero de un dispositivo que aún no tenga ninguno.',
    toWallet: 'Ir a tu monedero',
    title: 'Reclama tu membresía',
    lede: 'Una tienda abrió una membresía para tu correo. Demuestra que la dirección es tuya y las claves de este dispositivo se harán cargo de ella: a partir de entonces solo tú podrás cambiarla, y nada podrá pagar con ella sin tu aprobación.',
    sent: 'Si hay una membresía esperando para <strong>{address}</strong>, te enviamos allí un código de 6 dígitos. Vale 10 minutos.',
    claiming: 'Reclamando…',
    claim: 'Reclamar membresía',
    otherAddress: 'Usar otra dirección',
    emailLabel: 'Correo electrónico que tiene la tienda',
  },
  it: {
    wrongCode:
      'Il codice non è corretto, oppure nessuna iscrizione attende questo indirizzo. Controlla l’email e riprova.',
    expired: 'Questo codice non si può più usare. Richiedi un nuovo codice.',
    claimed: 'Questa iscrizione è già stata rivendicata.',
    haveTitle: 'Rivendica un’iscrizione',
    haveText:
      'Questo portafoglio appartiene già a un membro. Rivendica un’iscrizione che un negozio ha aperto per te in un portafoglio su un dispositivo che non ne ha ancora uno.',
    toWallet: 'Vai al tuo portafoglio',
    title: 'Rivendica la tua iscrizione',
    lede: 'Un negozio ha aperto un’iscrizione per la tua email. Dimostra che l’indirizzo è tuo e le chiavi di questo dispositivo la prendono in carico: da quel momento solo tu puoi modificarla e niente può pagare con essa senza la tua approvazione.',
    sent: 'Se un’iscrizione attende <strong>{address}</strong>, abbiamo inviato lì un codice di 6 cifre. È valido per 10 minuti.',
    claiming: 'Rivendicazione…',
    claim: 'Rivendica iscrizione',
    otherAddress: 'Usa un altro indirizzo',
    emailLabel: 'Indirizzo email noto al negozio',
  },
  nl: {
    wrongCode:
      'Die code klopt niet, of er wacht geen lidmaatschap op dit adres. Controleer de e-mail en probeer het opnieuw.',
    expired: 'Deze code kan niet meer worden gebruikt. Vraag een nieuwe code aan.',
    claimed: 'Dit lidmaatschap is al overgenomen.',
    haveTitle: 'Een lidmaatschap overnemen',
    haveText:
      'Deze wallet hoort al bij een lid. Neem een lidmaatschap dat een winkel voor je opende over in een wallet op een apparaat dat er nog geen heeft.',
    toWallet: 'Naar je wallet',
    title: 'Je lidmaatschap overnemen',
    lede: 'Een winkel heeft een lidmaatschap geopend voor je e-mailadres. Bewijs dat het adres van jou is en de sleutels van dit apparaat nemen het over: vanaf dan kun alleen jij het wijzigen, en niets kan ermee betalen zonder jouw goedkeuring.',
    sent: 'Als er een lidmaatschap wacht op <strong>{address}</strong>, hebben we daar een code van 6 cijfers naartoe gestuurd. Die is 10 minuten geldig.',
    claiming: 'Overnemen…',
    claim: 'Lidmaatschap overnemen',
    otherAddress: 'Ander adres gebruiken',
    emailLabel: 'E-mailadres dat de winkel heeft',
  },
  pl: {
    wrongCode:
      'Ten kod jest nieprawidłowy albo na ten adres nie czeka żadne członkostwo. Sprawdź e-mail i spróbuj ponownie.',
    expired: 'Tego kodu nie można już użyć. Wyślij nowy kod.',
    claimed: 'To członkostwo zostało już przejęte.',
    haveTitle: 'Przejmij członkostwo',
    haveText:
      'Ten portfel należy już do członka. Członkostwo, które sklep dla Ciebie otworzył, przejmij w portfelu na urządzeniu, które jeszcze żadnego nie ma.',
    toWallet: 'Przejdź do portfela',
    title: 'Przejmij swoje członkostwo',
    lede: 'Sklep otworzył członkostwo dla Twojego adresu e-mail. Potwierdź, że adres należy do Ciebie, a klucze tego urządzenia je przejmą: od tej chwili tylko Ty możesz je zmieniać i nic nie zapłaci z niego bez Twojej zgody.',
    sent: 'Jeśli na <strong>{address}</strong> czeka członkostwo, wysłaliśmy tam 6-cyfrowy kod. Jest ważny przez 10 minut.',
    claiming: 'Przejmowanie…',
    claim: 'Przejmij członkostwo',
    otherAddress: 'Użyj innego adresu',
    emailLabel: 'Adres e-mail, który zna sklep',
  },
});
