import { defineCatalog } from '@tokenos/i18n';

/** The security screen: passkeys, banks told of changes, what this device can do, email, lock. */
export const securityScreenMessages = defineCatalog({
  en: {
    title: 'Security',
    passkeys: 'Passkeys',
    passkeysIntro:
      'A passkey confirms payments that need a strong check and every app you connect. Remove one you lost: it stops working at once.',
    loadingPasskeys: 'Reading your passkeys…',
    noPasskey: 'You have no passkey. Add one to approve payments.',
    passkeyHere: 'Passkey on this device',
    passkeyElsewhere: 'Passkey on another device',
    added: 'Added {date}',
    removeOnly:
      'This is your only passkey: until you add another, you cannot approve payments that need one. Remove it?',
    removeQuestion: 'Remove this passkey? It stops working at once.',
    removePasskey: 'Remove passkey',
    removing: 'Removing…',
    removeLabel: 'Remove the passkey added {date}',
    remove: 'Remove…',
    waitingPasskey: 'Waiting for your passkey…',
    addPasskey: 'Add a passkey on this device',
    banks: 'Your banks',
    banksIntro:
      'Each change goes straight to your banks, so they refuse a removed passkey or key whatever the payment service shows them.',
    askingBanks: 'Asking your banks…',
    askAgain: 'Ask my banks again',
    deviceTitle: 'What this device can do',
    deviceIntro:
      'Your wallet signs with keys. Those on this device never leave it: the browser keeps them and will not let anyone read them.',
    loadingKeys: 'Reading your keys…',
    ability:
      '{device, select, this {This device} other {Another device}} can {level, select, LOW {approve small payments without asking for your passkey} STANDARD {approve payments and connect apps, with your passkey when needed} other {change your passkeys and email, with your passkey}}.',
    abilityUntil:
      '{device, select, this {This device} other {Another device}} can {level, select, LOW {approve small payments without asking for your passkey} STANDARD {approve payments and connect apps, with your passkey when needed} other {change your passkeys and email, with your passkey}}, until {date}.',
    email: 'Email',
    verified: 'Verified',
    notVerified: '{address} is not verified yet. Shops and banks find your wallet by your email.',
    noEmail: 'No email address yet. Shops and banks find your wallet by your email.',
    verifyEmail: 'Verify email',
    addEmail: 'Add email',
    lock: 'Lock',
    lockIntro:
      'The wallet locks after {minutes, plural, one {# minute} other {# minutes}} without use. Unlock it with your passkey.',
    lockNow: 'Lock now',
    advanced: 'Advanced details',
    walletId: 'Wallet id',
    credentialId: 'Credential id <code>{id}</code>',
    addedHere: 'Added {date} · created on this device',
    addedElsewhere: 'Added {date} · created on another device',
    signingKeys: 'Signing keys',
    keyFacts: 'Key id <code>{id}</code> · {where, select, here {on this device} other {not on this device}}',
    keyFactsExpires:
      'Key id <code>{id}</code> · expires {date} · {where, select, here {on this device} other {not on this device}}',
  },
  de: {
    title: 'Sicherheit',
    passkeys: 'Passkeys',
    passkeysIntro:
      'Ein Passkey bestätigt Zahlungen, die eine starke Prüfung brauchen, und jede App, die Sie verbinden. Entfernen Sie einen verlorenen Passkey: Er funktioniert dann sofort nicht mehr.',
    loadingPasskeys: 'Ihre Passkeys werden gelesen…',
    noPasskey: 'Sie haben keinen Passkey. Fügen Sie einen hinzu, um Zahlungen freizugeben.',
    passkeyHere: 'Passkey auf diesem Gerät',
    passkeyElsewhere: 'Passkey auf einem anderen Gerät',
    added: 'Hinzugefügt am {date}',
    removeOnly:
      'Das ist Ihr einziger Passkey: Bis Sie einen weiteren hinzufügen, können Sie keine Zahlungen freigeben, die einen brauchen. Entfernen?',
    removeQuestion: 'Diesen Passkey entfernen? Er funktioniert dann sofort nicht mehr.',
    removePasskey: 'Passkey entfernen',
    removing: 'Wird entfernt…',
    removeLabel: 'Den am {date} hinzugefügten Passkey entfernen',
    remove: 'Entfernen…',
    waitingPasskey: 'Warten auf Ihren Passkey…',
    addPasskey: 'Passkey auf diesem Gerät hinzufügen',
    banks: 'Ihre Banken',
    banksIntro:
      'Jede Änderung geht direkt an Ihre Banken, damit sie einen entfernten Passkey oder Schlüssel ablehnen, egal was der Zahlungsdienst ihnen zeigt.',
    askingBanks: 'Ihre Banken werden gefragt…',
    askAgain: 'Meine Banken erneut fragen',
    deviceTitle: 'Was dieses Gerät darf',
    deviceIntro:
      'Ihre Wallet signiert mit Schlüsseln. Die Schlüssel auf diesem Gerät verlassen es nie: Der Browser bewahrt sie auf und lässt niemanden sie lesen.',
    loadingKeys: 'Ihre Schlüssel werden gelesen…',
    ability:
      '{device, select, this {Dieses Gerät} other {Ein anderes Gerät}} kann {level, select, LOW {kleine Zahlungen ohne Passkey freigeben} STANDARD {Zahlungen freigeben und Apps verbinden, bei Bedarf mit Ihrem Passkey} other {Ihre Passkeys und E-Mail-Adresse ändern, mit Ihrem Passkey}}.',
    abilityUntil:
      '{device, select, this {Dieses Gerät} other {Ein anderes Gerät}} kann {level, select, LOW {kleine Zahlungen ohne Passkey freigeben} STANDARD {Zahlungen freigeben und Apps verbinden, bei Bedarf mit Ihrem Passkey} other {Ihre Passkeys und E-Mail-Adresse ändern, mit Ihrem Passkey}}, bis {date}.',
    email: 'E-Mail',
    verified: 'Bestätigt',
    notVerified:
      '{address} ist noch nicht bestätigt. Shops und Banken finden Ihre Wallet über Ihre E-Mail-Adresse.',
    noEmail: 'Noch keine E-Mail-Adresse. Shops und Banken finden Ihre Wallet über Ihre E-Mail-Adresse.',
    verifyEmail: 'E-Mail bestätigen',
    addEmail: 'E-Mail hinzufügen',
    lock: 'Sperre',
    lockIntro:
      'Die Wallet sperrt sich nach {minutes, plural, one {# Minute} other {# Minuten}} ohne Nutzung. Entsperren Sie sie mit Ihrem Passkey.',
    lockNow: 'Jetzt sperren',
    advanced: 'Weitere Details',
    walletId: 'Wallet-ID',
    credentialId: 'Credential-ID <code>{id}</code>',
    addedHere: 'Hinzugefügt am {date} · auf diesem Gerät erstellt',
    addedElsewhere: 'Hinzugefügt am {date} · auf einem anderen Gerät erstellt',
    signingKeys: 'Signaturschlüssel',
    keyFacts:
      'Schlüssel-ID <code>{id}</code> · {where, select, here {auf diesem Gerät} other {nicht auf diesem Gerät}}',
    keyFactsExpires:
      'Schlüssel-ID <code>{id}</code> · läuft ab am {date} · {where, select, here {auf diesem Gerät} other {nicht auf diesem Gerät}}',
  },
  fr: {
    title: 'Sécurité',
    passkeys: 'Clés d’accès',
    passkeysIntro:
      'Une clé d’accès confirme les paiements qui demandent une vérification forte et chaque appli que vous connectez. Supprimez celle que vous avez perdue : elle cesse aussitôt de fonctionner.',
    loadingPasskeys: 'Lecture de vos clés d’accès…',
    noPasskey: 'Vous n’avez pas de clé d’accès. Ajoutez-en une pour approuver des paiements.',
    passkeyHere: 'Clé d’accès sur cet appareil',
    passkeyElsewhere: 'Clé d’accès sur un autre appareil',
    added: 'Ajoutée le {date}',
    removeOnly:
      'C’est votre seule clé d’accès : tant que vous n’en ajoutez pas une autre, vous ne pourrez pas approuver les paiements qui en demandent une. La supprimer ?',
    removeQuestion: 'Supprimer cette clé d’accès ? Elle cesse aussitôt de fonctionner.',
    removePasskey: 'Supprimer la clé d’accès',
    removing: 'Suppression…',
    removeLabel: 'Supprimer la clé d’accès ajoutée le {date}',
    remove: 'Supprimer…',
    waitingPasskey: 'En attente de votre clé d’accès…',
    addPasskey: 'Ajouter une clé d’accès sur cet appareil',
    banks: 'Vos banques',
    banksIntro:
      'Chaque changement part directement à vos banques, pour qu’elles refusent une clé d’accès ou une clé supprimée, quoi que leur montre le service de paiement.',
    askingBanks: 'Interrogation de vos banques…',
    askAgain: 'Redemander à mes banques',
    deviceTitle: 'Ce que cet appareil peut faire',
    deviceIntro:
      'Votre portefeuille signe avec des clés. Celles de cet appareil ne le quittent jamais : le navigateur les garde et ne laisse personne les lire.',
    loadingKeys: 'Lecture de vos clés…',
    ability:
      '{device, select, this {Cet appareil} other {Un autre appareil}} peut {level, select, LOW {approuver de petits paiements sans demander votre clé d’accès} STANDARD {approuver des paiements et connecter des applis, avec votre clé d’accès si besoin} other {modifier vos clés d’accès et votre e-mail, avec votre clé d’accès}}.',
    abilityUntil:
      '{device, select, this {Cet appareil} other {Un autre appareil}} peut {level, select, LOW {approuver de petits paiements sans demander votre clé d’accès} STANDARD {approuver des paiements et connecter des applis, avec votre clé d’accès si besoin} other {modifier vos clés d’accès et votre e-mail, avec votre clé d’accès}}, jusqu’au {date}.',
    email: 'E-mail',
    verified: 'Vérifié',
    notVerified:
      '{address} n’est pas encore vérifié. Les sites et les banques trouvent votre portefeuille grâce à votre e-mail.',
    noEmail:
      'Pas encore d’adresse e-mail. Les sites et les banques trouvent votre portefeuille grâce à votre e-mail.',
    verifyEmail: 'Vérifier l’e-mail',
    addEmail: 'Ajouter un e-mail',
    lock: 'Verrouillage',
    lockIntro:
      'Le portefeuille se verrouille après {minutes, plural, one {# minute} other {# minutes}} sans utilisation. Déverrouillez-le avec votre clé d’accès.',
    lockNow: 'Verrouiller maintenant',
    advanced: 'Détails avancés',
    walletId: 'Identifiant du portefeuille',
    credentialId: 'Identifiant de la clé <code>{id}</code>',
    addedHere: 'Ajoutée le {date} · créée sur cet appareil',
    addedElsewhere: 'Ajoutée le {date} · créée sur un autre appareil',
    signingKeys: 'Clés de signature',
    keyFacts:
      'Identifiant de clé <code>{id}</code> · {where, select, here {sur cet appareil} other {pas sur cet appareil}}',
    keyFactsExpires:
      'Identifiant de clé <code>{id}</code> · expire le {date} · {where, select, here {sur cet appareil} other {pas sur cet appareil}}',
  },
  es: {
    title: 'Seguridad',
    passkeys: 'Llaves de acceso',
    passkeysIntro:
      'Una llave de acceso confirma los pagos que necesitan una verificación reforzada y cada app que conectas. Elimina la que hayas perdido: deja de funcionar al instante.',
    loadingPasskeys: 'Leyendo tus llaves de acceso…',
    noPasskey: 'No tienes ninguna llave de acceso. Añade una para aprobar pagos.',
    passkeyHere: 'Llave de acceso en este dispositivo',
    passkeyElsewhere: 'Llave de acceso en otro dispositivo',
    added: 'Añadida el {date}',
    removeOnly:
      'Es tu única llave de acceso: hasta que añadas otra, no podrás aprobar los pagos que la necesiten. ¿Eliminarla?',
    removeQuestion: '¿Eliminar esta llave de acceso? Deja de funcionar al instante.',
    removePasskey: 'Eliminar llave de acceso',
    removing: 'Eliminando…',
    removeLabel: 'Eliminar la llave de acceso añadida el {date}',
    remove: 'Eliminar…',
    waitingPasskey: 'Esperando tu llave de acceso…',
    addPasskey: 'Añadir una llave de acceso en este dispositivo',
    banks: 'Tus bancos',
    banksIntro:
      'Cada cambio va directamente a tus bancos, para que rechacen una llave de acceso o clave eliminada, muestre lo que muestre el servicio de pago.',
    askingBanks: 'Preguntando a tus bancos…',
    askAgain: 'Volver a preguntar a mis bancos',
    deviceTitle: 'Lo que puede hacer este dispositivo',
    deviceIntro:
      'Tu monedero firma con claves. Las de este dispositivo nunca salen de él: el navegador las guarda y no deja que nadie las lea.',
    loadingKeys: 'Leyendo tus claves…',
    ability:
      '{device, select, this {Este dispositivo} other {Otro dispositivo}} puede {level, select, LOW {aprobar pagos pequeños sin pedir tu llave de acceso} STANDARD {aprobar pagos y conectar apps, con tu llave de acceso cuando haga falta} other {cambiar tus llaves de acceso y tu correo, con tu llave de acceso}}.',
    abilityUntil:
      '{device, select, this {Este dispositivo} other {Otro dispositivo}} puede {level, select, LOW {aprobar pagos pequeños sin pedir tu llave de acceso} STANDARD {aprobar pagos y conectar apps, con tu llave de acceso cuando haga falta} other {cambiar tus llaves de acceso y tu correo, con tu llave de acceso}}, hasta el {date}.',
    email: 'Correo electrónico',
    verified: 'Verificado',
    notVerified:
      '{address} aún no está verificado. Las tiendas y los bancos encuentran tu monedero por tu correo.',
    noEmail: 'Aún no hay dirección de correo. Las tiendas y los bancos encuentran tu monedero por tu correo.',
    verifyEmail: 'Verificar correo',
    addEmail: 'Añadir correo',
    lock: 'Bloqueo',
    lockIntro:
      'El monedero se bloquea tras {minutes, plural, one {# minuto} other {# minutos}} sin uso. Desbloquéalo con tu llave de acceso.',
    lockNow: 'Bloquear ahora',
    advanced: 'Detalles avanzados',
    walletId: 'Identificador del monedero',
    credentialId: 'Identificador de la credencial <code>{id}</code>',
    addedHere: 'Añadida el {date} · creada en este dispositivo',
    addedElsewhere: 'Añadida el {date} · creada en otro dispositivo',
    signingKeys: 'Claves de firma',
    keyFacts:
      'Identificador de clave <code>{id}</code> · {where, select, here {en este dispositivo} other {no está en este dispositivo}}',
    keyFactsExpires:
      'Identificador de clave <code>{id}</code> · caduca el {date} · {where, select, here {en este dispositivo} other {no está en este dispositivo}}',
  },
  it: {
    title: 'Sicurezza',
    passkeys: 'Passkey',
    passkeysIntro:
      'Una passkey conferma i pagamenti che richiedono una verifica forte e ogni app che colleghi. Rimuovi quella che hai perso: smette subito di funzionare.',
    loadingPasskeys: 'Lettura delle tue passkey…',
    noPasskey: 'Non hai nessuna passkey. Aggiungine una per approvare i pagamenti.',
    passkeyHere: 'Passkey su questo dispositivo',
    passkeyElsewhere: 'Passkey su un altro dispositivo',
    added: 'Aggiunta il {date}',
    removeOnly:
      'È la tua unica passkey: finché non ne aggiungi un’altra, non potrai approvare i pagamenti che la richiedono. Rimuoverla?',
    removeQuestion: 'Rimuovere questa passkey? Smette subito di funzionare.',
    removePasskey: 'Rimuovi passkey',
    removing: 'Rimozione…',
    removeLabel: 'Rimuovi la passkey aggiunta il {date}',
    remove: 'Rimuovi…',
    waitingPasskey: 'In attesa della tua passkey…',
    addPasskey: 'Aggiungi una passkey su questo dispositivo',
    banks: 'Le tue banche',
    banksIntro:
      'Ogni modifica va direttamente alle tue banche, così rifiutano una passkey o una chiave rimossa, qualunque cosa mostri loro il servizio di pagamento.',
    askingBanks: 'Richiesta alle tue banche…',
    askAgain: 'Chiedi di nuovo alle mie banche',
    deviceTitle: 'Cosa può fare questo dispositivo',
    deviceIntro:
      'Il tuo portafoglio firma con delle chiavi. Quelle su questo dispositivo non lo lasciano mai: il browser le custodisce e non le fa leggere a nessuno.',
    loadingKeys: 'Lettura delle tue chiavi…',
    ability:
      '{device, select, this {Questo dispositivo} other {Un altro dispositivo}} può {level, select, LOW {approvare piccoli pagamenti senza chiedere la tua passkey} STANDARD {approvare pagamenti e collegare app, con la tua passkey quando serve} other {cambiare le tue passkey e l’email, con la tua passkey}}.',
    abilityUntil:
      '{device, select, this {Questo dispositivo} other {Un altro dispositivo}} può {level, select, LOW {approvare piccoli pagamenti senza chiedere la tua passkey} STANDARD {approvare pagamenti e collegare app, con la tua passkey quando serve} other {cambiare le tue passkey e l’email, con la tua passkey}}, fino al {date}.',
    email: 'Email',
    verified: 'Verificato',
    notVerified:
      '{address} non è ancora verificato. Negozi e banche trovano il tuo portafoglio tramite la tua email.',
    noEmail:
      'Ancora nessun indirizzo email. Negozi e banche trovano il tuo portafoglio tramite la tua email.',
    verifyEmail: 'Verifica email',
    addEmail: 'Aggiungi email',
    lock: 'Blocco',
    lockIntro:
      'Il portafoglio si blocca dopo {minutes, plural, one {# minuto} other {# minuti}} di inattività. Sbloccalo con la tua passkey.',
    lockNow: 'Blocca ora',
    advanced: 'Dettagli avanzati',
    walletId: 'ID del portafoglio',
    credentialId: 'ID credenziale <code>{id}</code>',
    addedHere: 'Aggiunta il {date} · creata su questo dispositivo',
    addedElsewhere: 'Aggiunta il {date} · creata su un altro dispositivo',
    signingKeys: 'Chiavi di firma',
    keyFacts:
      'ID chiave <code>{id}</code> · {where, select, here {su questo dispositivo} other {non su questo dispositivo}}',
    keyFactsExpires:
      'ID chiave <code>{id}</code> · scade il {date} · {where, select, here {su questo dispositivo} other {non su questo dispositivo}}',
  },
  nl: {
    title: 'Beveiliging',
    passkeys: 'Passkeys',
    passkeysIntro:
      'Een passkey bevestigt betalingen die een sterke controle nodig hebben en elke app die je koppelt. Verwijder een passkey die je kwijt bent: die werkt dan meteen niet meer.',
    loadingPasskeys: 'Je passkeys lezen…',
    noPasskey: 'Je hebt geen passkey. Voeg er een toe om betalingen goed te keuren.',
    passkeyHere: 'Passkey op dit apparaat',
    passkeyElsewhere: 'Passkey op een ander apparaat',
    added: 'Toegevoegd op {date}',
    removeOnly:
      'Dit is je enige passkey: tot je er nog een toevoegt, kun je geen betalingen goedkeuren die er een nodig hebben. Verwijderen?',
    removeQuestion: 'Deze passkey verwijderen? Hij werkt dan meteen niet meer.',
    removePasskey: 'Passkey verwijderen',
    removing: 'Verwijderen…',
    removeLabel: 'De passkey verwijderen die is toegevoegd op {date}',
    remove: 'Verwijderen…',
    waitingPasskey: 'Wachten op je passkey…',
    addPasskey: 'Passkey toevoegen op dit apparaat',
    banks: 'Je banken',
    banksIntro:
      'Elke wijziging gaat rechtstreeks naar je banken, zodat ze een verwijderde passkey of sleutel weigeren, wat de betaaldienst ze ook laat zien.',
    askingBanks: 'Je banken vragen…',
    askAgain: 'Mijn banken opnieuw vragen',
    deviceTitle: 'Wat dit apparaat mag',
    deviceIntro:
      'Je wallet ondertekent met sleutels. Die op dit apparaat verlaten het nooit: de browser bewaart ze en laat niemand ze lezen.',
    loadingKeys: 'Je sleutels lezen…',
    ability:
      '{device, select, this {Dit apparaat} other {Een ander apparaat}} kan {level, select, LOW {kleine betalingen goedkeuren zonder om je passkey te vragen} STANDARD {betalingen goedkeuren en apps koppelen, met je passkey als dat nodig is} other {je passkeys en e-mailadres wijzigen, met je passkey}}.',
    abilityUntil:
      '{device, select, this {Dit apparaat} other {Een ander apparaat}} kan {level, select, LOW {kleine betalingen goedkeuren zonder om je passkey te vragen} STANDARD {betalingen goedkeuren en apps koppelen, met je passkey als dat nodig is} other {je passkeys en e-mailadres wijzigen, met je passkey}}, tot {date}.',
    email: 'E-mail',
    verified: 'Geverifieerd',
    notVerified: '{address} is nog niet geverifieerd. Winkels en banken vinden je wallet via je e-mailadres.',
    noEmail: 'Nog geen e-mailadres. Winkels en banken vinden je wallet via je e-mailadres.',
    verifyEmail: 'E-mail verifiëren',
    addEmail: 'E-mail toevoegen',
    lock: 'Vergrendeling',
    lockIntro:
      'De wallet vergrendelt na {minutes, plural, one {# minuut} other {# minuten}} zonder gebruik. Ontgrendel hem met je passkey.',
    lockNow: 'Nu vergrendelen',
    advanced: 'Geavanceerde details',
    walletId: 'Wallet-id',
    credentialId: 'Credential-id <code>{id}</code>',
    addedHere: 'Toegevoegd op {date} · gemaakt op dit apparaat',
    addedElsewhere: 'Toegevoegd op {date} · gemaakt op een ander apparaat',
    signingKeys: 'Ondertekeningssleutels',
    keyFacts:
      'Sleutel-id <code>{id}</code> · {where, select, here {op dit apparaat} other {niet op dit apparaat}}',
    keyFactsExpires:
      'Sleutel-id <code>{id}</code> · verloopt op {date} · {where, select, here {op dit apparaat} other {niet op dit apparaat}}',
  },
  pl: {
    title: 'Bezpieczeństwo',
    passkeys: 'Klucze dostępu',
    passkeysIntro:
      'Klucz dostępu potwierdza płatności wymagające silnej weryfikacji i każdą łączoną aplikację. Usuń zgubiony klucz: od razu przestanie działać.',
    loadingPasskeys: 'Wczytywanie kluczy dostępu…',
    noPasskey: 'Nie masz klucza dostępu. Dodaj go, aby zatwierdzać płatności.',
    passkeyHere: 'Klucz dostępu na tym urządzeniu',
    passkeyElsewhere: 'Klucz dostępu na innym urządzeniu',
    added: 'Dodano {date}',
    removeOnly:
      'To Twój jedyny klucz dostępu: dopóki nie dodasz kolejnego, nie zatwierdzisz płatności, które go wymagają. Usunąć go?',
    removeQuestion: 'Usunąć ten klucz dostępu? Od razu przestanie działać.',
    removePasskey: 'Usuń klucz dostępu',
    removing: 'Usuwanie…',
    removeLabel: 'Usuń klucz dostępu dodany {date}',
    remove: 'Usuń…',
    waitingPasskey: 'Czekamy na klucz dostępu…',
    addPasskey: 'Dodaj klucz dostępu na tym urządzeniu',
    banks: 'Twoje banki',
    banksIntro:
      'Każda zmiana trafia prosto do Twoich banków, więc odrzucą usunięty klucz, cokolwiek pokaże im serwis płatności.',
    askingBanks: 'Pytamy Twoje banki…',
    askAgain: 'Zapytaj ponownie moje banki',
    deviceTitle: 'Co może to urządzenie',
    deviceIntro:
      'Twój portfel podpisuje kluczami. Te na tym urządzeniu nigdy go nie opuszczają: przeglądarka je przechowuje i nikomu nie pozwala ich odczytać.',
    loadingKeys: 'Wczytywanie kluczy…',
    ability:
      '{device, select, this {To urządzenie} other {Inne urządzenie}} może {level, select, LOW {zatwierdzać małe płatności bez pytania o klucz dostępu} STANDARD {zatwierdzać płatności i łączyć aplikacje, w razie potrzeby kluczem dostępu} other {zmieniać klucze dostępu i adres e-mail, kluczem dostępu}}.',
    abilityUntil:
      '{device, select, this {To urządzenie} other {Inne urządzenie}} może {level, select, LOW {zatwierdzać małe płatności bez pytania o klucz dostępu} STANDARD {zatwierdzać płatności i łączyć aplikacje, w razie potrzeby kluczem dostępu} other {zmieniać klucze dostępu i adres e-mail, kluczem dostępu}}, do {date}.',
    email: 'E-mail',
    verified: 'Zweryfikowany',
    notVerified:
      'Adres {address} nie jest jeszcze zweryfikowany. Sklepy i banki znajdują Twój portfel po adresie e-mail.',
    noEmail: 'Brak adresu e-mail. Sklepy i banki znajdują Twój portfel po adresie e-mail.',
    verifyEmail: 'Zweryfikuj e-mail',
    addEmail: 'Dodaj e-mail',
    lock: 'Blokada',
    lockIntro:
      'Portfel blokuje się po {minutes, plural, one {# minucie} few {# minutach} many {# minutach} other {# minuty}} bezczynności. Odblokujesz go kluczem dostępu.',
    lockNow: 'Zablokuj teraz',
    advanced: 'Szczegóły zaawansowane',
    walletId: 'Identyfikator portfela',
    credentialId: 'Identyfikator klucza <code>{id}</code>',
    addedHere: 'Dodano {date} · utworzony na tym urządzeniu',
    addedElsewhere: 'Dodano {date} · utworzony na innym urządzeniu',
    signingKeys: 'Klucze podpisu',
    keyFacts:
      'Identyfikator klucza <code>{id}</code> · {where, select, here {na tym urządzeniu} other {nie na tym urządzeniu}}',
    keyFactsExpires:
      'Identyfikator klucza <code>{id}</code> · wygasa {date} · {where, select, here {na tym urządzeniu} other {nie na tym urządzeniu}}',
  },
});
