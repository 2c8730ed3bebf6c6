import { defineCatalog } from '@tokenos/i18n';

/** The first page of a device without a wallet, and the plain truth about losing the device. */
export const getStartedMessages = defineCatalog({
  en: {
    lede: 'Your keys stay on this device. You approve every payment with a passkey.',
    create: 'Create wallet',
    lostTitle: 'If this phone is lost',
    lostDevice:
      'Your wallet lives in this browser, on this device and on any other device you add to it. If you lose every one of them, the wallet cannot be recovered: you would make a new one and link your bank again. Adding a second device under Security keeps it safe; a way to recover without any device is planned, not there yet.',
    why: 'Why Token Wallet',
    keysTitle: 'Keys on this device',
    keysText: 'Your wallet’s keys are made here and never leave it. Nobody else can sign for you.',
    passkeyTitle: 'Approve with a passkey',
    passkeyText: 'Your fingerprint, face or screen lock confirms a payment. No passwords, no codes by text.',
    controlTitle: 'You stay in control',
    controlText: 'See every payment and every access you allowed, and cancel any of them at any time.',
  },
  de: {
    lede: 'Ihre Schlüssel bleiben auf diesem Gerät. Jede Zahlung bestätigen Sie mit einem Passkey.',
    create: 'Wallet erstellen',
    lostTitle: 'Wenn dieses Telefon verloren geht',
    lostDevice:
      'Ihre Wallet lebt in diesem Browser, auf diesem Gerät und auf jedem weiteren Gerät, das Sie hinzufügen. Verlieren Sie alle diese Geräte, lässt sich die Wallet nicht wiederherstellen: Sie würden eine neue erstellen und Ihre Bank erneut verbinden. Ein zweites Gerät unter Sicherheit schützt davor; eine Wiederherstellung ganz ohne Gerät ist geplant, aber noch nicht verfügbar.',
    why: 'Warum Token Wallet',
    keysTitle: 'Schlüssel auf diesem Gerät',
    keysText:
      'Die Schlüssel Ihrer Wallet entstehen hier und verlassen das Gerät nie. Niemand sonst kann für Sie unterschreiben.',
    passkeyTitle: 'Mit Passkey bestätigen',
    passkeyText:
      'Fingerabdruck, Gesicht oder Displaysperre bestätigen eine Zahlung. Keine Passwörter, keine Codes per SMS.',
    controlTitle: 'Sie behalten die Kontrolle',
    controlText:
      'Sehen Sie jede Zahlung und jeden erlaubten Zugriff und widerrufen Sie jeden davon jederzeit.',
  },
  fr: {
    lede: 'Vos clés restent sur cet appareil. Vous approuvez chaque paiement avec une clé d’accès.',
    create: 'Créer un portefeuille',
    lostTitle: 'Si ce téléphone est perdu',
    lostDevice:
      'Votre portefeuille existe dans ce navigateur, sur cet appareil et sur chaque autre appareil que vous y ajoutez. Si vous les perdez tous, le portefeuille ne peut pas être récupéré : vous en créeriez un nouveau et relieriez à nouveau votre banque. Ajouter un second appareil dans Sécurité vous protège ; une récupération sans aucun appareil est prévue, mais pas encore disponible.',
    why: 'Pourquoi Token Wallet',
    keysTitle: 'Des clés sur cet appareil',
    keysText:
      'Les clés de votre portefeuille sont créées ici et n’en sortent jamais. Personne d’autre ne peut signer pour vous.',
    passkeyTitle: 'Approuver avec une clé d’accès',
    passkeyText:
      'Votre empreinte, votre visage ou le verrouillage de l’écran confirme un paiement. Pas de mot de passe, pas de code par SMS.',
    controlTitle: 'Vous gardez la main',
    controlText: 'Voyez chaque paiement et chaque accès autorisé, et annulez-les à tout moment.',
  },
  es: {
    lede: 'Tus claves se quedan en este dispositivo. Apruebas cada pago con una llave de acceso.',
    create: 'Crear monedero',
    lostTitle: 'Si pierdes este teléfono',
    lostDevice:
      'Tu monedero vive en este navegador, en este dispositivo y en cualquier otro que le añadas. Si los pierdes todos, el monedero no se puede recuperar: tendrías que crear uno nuevo y vincular de nuevo tu banco. Añadir un segundo dispositivo en Seguridad te protege; una forma de recuperarlo sin ningún dispositivo está prevista, pero aún no está disponible.',
    why: 'Por qué Token Wallet',
    keysTitle: 'Claves en este dispositivo',
    keysText: 'Las claves de tu monedero se crean aquí y nunca salen de él. Nadie más puede firmar por ti.',
    passkeyTitle: 'Aprueba con una llave de acceso',
    passkeyText:
      'Tu huella, tu cara o el bloqueo de pantalla confirman un pago. Sin contraseñas ni códigos por SMS.',
    controlTitle: 'Tú tienes el control',
    controlText: 'Ve cada pago y cada acceso que permitiste, y cancela cualquiera cuando quieras.',
  },
  it: {
    lede: 'Le tue chiavi restano su questo dispositivo. Approvi ogni pagamento con una passkey.',
    create: 'Crea portafoglio',
    lostTitle: 'Se perdi questo telefono',
    lostDevice:
      'Il tuo portafoglio vive in questo browser, su questo dispositivo e su ogni altro dispositivo che aggiungi. Se li perdi tutti, il portafoglio non si può recuperare: dovresti crearne uno nuovo e collegare di nuovo la tua banca. Aggiungere un secondo dispositivo in Sicurezza ti protegge; un modo per recuperarlo senza alcun dispositivo è previsto, ma non ancora disponibile.',
    why: 'Perché Token Wallet',
    keysTitle: 'Chiavi su questo dispositivo',
    keysText:
      'Le chiavi del tuo portafoglio nascono qui e non lo lasciano mai. Nessun altro può firmare per te.',
    passkeyTitle: 'Approva con una passkey',
    passkeyText:
      'Impronta, volto o blocco schermo confermano un pagamento. Niente password, niente codici via SMS.',
    controlTitle: 'Il controllo resta a te',
    controlText:
      'Vedi ogni pagamento e ogni accesso che hai consentito, e annulla quello che vuoi in qualsiasi momento.',
  },
  nl: {
    lede: 'Je sleutels blijven op dit apparaat. Je keurt elke betaling goed met een passkey.',
    create: 'Wallet maken',
    lostTitle: 'Als deze telefoon kwijtraakt',
    lostDevice:
      'Je wallet staat in deze browser, op dit apparaat en op elk ander apparaat dat je eraan toevoegt. Verlies je ze allemaal, dan kan de wallet niet worden hersteld: je zou een nieuwe maken en je bank opnieuw koppelen. Een tweede apparaat toevoegen onder Beveiliging beschermt je daartegen; herstel zonder enig apparaat is gepland, maar nog niet beschikbaar.',
    why: 'Waarom Token Wallet',
    keysTitle: 'Sleutels op dit apparaat',
    keysText:
      'De sleutels van je wallet worden hier gemaakt en verlaten het apparaat nooit. Niemand anders kan voor je tekenen.',
    passkeyTitle: 'Goedkeuren met een passkey',
    passkeyText:
      'Je vingerafdruk, gezicht of schermvergrendeling bevestigt een betaling. Geen wachtwoorden, geen sms-codes.',
    controlTitle: 'Jij houdt de regie',
    controlText: 'Zie elke betaling en elke toegang die je gaf, en trek ze op elk moment in.',
  },
  pl: {
    lede: 'Twoje klucze zostają na tym urządzeniu. Każdą płatność zatwierdzasz kluczem dostępu.',
    create: 'Utwórz portfel',
    lostTitle: 'Jeśli zgubisz ten telefon',
    lostDevice:
      'Twój portfel działa w tej przeglądarce, na tym urządzeniu i na każdym innym, które do niego dodasz. Jeśli stracisz je wszystkie, portfela nie da się odzyskać: trzeba będzie utworzyć nowy i ponownie połączyć bank. Dodanie drugiego urządzenia w sekcji Bezpieczeństwo chroni przed tym; odzyskiwanie bez żadnego urządzenia jest planowane, ale jeszcze niedostępne.',
    why: 'Dlaczego Token Wallet',
    keysTitle: 'Klucze na tym urządzeniu',
    keysText:
      'Klucze Twojego portfela powstają tutaj i nigdy go nie opuszczają. Nikt inny nie może podpisać za Ciebie.',
    passkeyTitle: 'Zatwierdzaj kluczem dostępu',
    passkeyText: 'Odcisk palca, twarz lub blokada ekranu potwierdzają płatność. Bez haseł i kodów SMS.',
    controlTitle: 'Masz wszystko pod kontrolą',
    controlText:
      'Widzisz każdą płatność i każdy udzielony przez Ciebie dostęp i możesz je w każdej chwili anulować.',
  },
});
