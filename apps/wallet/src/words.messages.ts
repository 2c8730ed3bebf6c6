import { defineCatalog } from '@tokenos/i18n';

/**
 * What went wrong, for people (words.ts): a title and a detail per error code, the passkey's own
 * failures, the fallbacks, and whether a bank confirmed the latest change to the wallet's keys.
 */
export const wordsMessages = defineCatalog({
  en: {
    CloudUnavailableTitle: 'The payment service cannot be reached',
    CloudUnavailableDetail: 'Check your connection, then try again.',
    CloudTimeoutTitle: 'The payment service is slow to answer',
    CloudTimeoutDetail: 'Nothing was changed. Try again in a moment.',
    BankUnavailableTitle: 'Your bank cannot be reached',
    BankUnavailableDetail: 'Your bank did not answer. Try again in a moment.',
    BankTimeoutTitle: 'Your bank is slow to answer',
    BankTimeoutDetail: 'Your bank did not answer in time. Try again in a moment.',
    BankRefusedTitle: 'Your bank refused this payment',
    BankRefusedDetail:
      'Nothing was paid. Choose another account, or check with your bank that the account can make this payment.',
    BankPendingTitle: 'Your bank has not answered yet',
    BankPendingDetail:
      'Your approval is kept, but your bank has not confirmed it, so nothing was paid or set up yet. Try again in a moment: the wallet asks your bank again.',
    TooManyRequestsTitle: 'Too many tries in a short time',
    TooManyRequestsDetail: 'Wait a few minutes, then try again.',
    ForeignReturnTitle: 'This shop asked to send you to a different website',
    ForeignReturnDetail:
      'Nothing was paid or shared. Go back to the shop or app you came from and start again there.',
    NotAnswerableTitle: 'The wallet cannot answer this request',
    NotAnswerableDetail: 'Go back to the shop or app and start again.',
    ScaFailedTitle: 'Your passkey could not confirm this',
    ScaFailedDetail:
      'The passkey check did not pass, so nothing was approved. Try again with your fingerprint, face or screen lock.',
    ScaRequiredTitle: 'This needs your passkey',
    ScaRequiredDetail: 'Confirm with your fingerprint, face or screen lock.',
    ExpiredTitle: 'This has expired',
    ExpiredDetail: 'It is too late to approve it. Start again from the shop or app.',
    CancelledTitle: 'This was cancelled',
    CancelledDetail: 'It can no longer be used. Start again from the shop or app if you still want it.',
    ConflictTitle: 'This was already done',
    ConflictDetail: 'Another window or device got there first. Reload to see where things stand.',
    NotFoundTitle: 'Not found',
    NotFoundDetail: 'The payment service does not know it. It may have expired.',
    ForbiddenTitle: 'Not allowed',
    ForbiddenDetail: 'The payment service refused this for your wallet.',
    InsufficientKeyLevelTitle: 'This device’s keys cannot do that',
    InsufficientKeyLevelDetail: 'The keys on this device are not allowed to approve this.',
    KeyExpiredTitle: 'A key on this device has expired',
    KeyExpiredDetail: 'Open Security to see your keys.',
    StaleRequestTitle: 'This device’s clock looks wrong',
    StaleRequestDetail: 'Set the date and time automatically in your device settings, then try again.',
    ConditionFailedTitle: 'The bank refused this payment',
    ConditionFailedDetail:
      'It does not meet the payment’s conditions, for example the amount or the account.',
    InvalidSignatureTitle: 'A signature did not check out',
    InvalidSignatureDetail: 'Something was changed on the way. Nothing was approved.',
    MalformedTitle: 'Something in this request is wrong',
    MalformedDetail: 'The wallet could not use what it received. Go back and start again.',
    StaleLogTitle: 'An old copy of your security settings was shown',
    StaleLogDetail:
      'The payment service showed your keys as they were before a later change. Nothing was approved.',
    ForkedTitle: 'Your security settings do not match',
    ForkedDetail:
      'The payment service showed keys that differ from what your bank knows. Nothing was approved.',
    UnknownKeyTitle: 'This device can no longer sign for your wallet',
    UnknownKeyDetail:
      'It was removed from your wallet, perhaps on another of your devices. To use your wallet here again, add this device from one you still use.',
    BrokenChainTitle: 'Your security settings could not be checked',
    BrokenChainDetail:
      'The history of your keys does not fit together, so the wallet cannot trust it. Nothing was approved.',
    NotYetValidTitle: 'This cannot be used yet',
    NotYetValidDetail: 'It only starts later. Nothing was paid. Try again once it has started.',
    InvalidAmountTitle: 'This amount cannot be used',
    InvalidAmountDetail: 'The amount is not valid for its currency or is too large. Nothing was paid.',
    ReplayTitle: 'This request was already used',
    ReplayDetail:
      'The same request cannot be used twice. Nothing was paid or changed again. Start again from the shop or app.',
    KeyRetiredTitle: 'This approval is no longer accepted',
    KeyRetiredDetail:
      'The payment service no longer accepts it. Nothing was paid or changed. Start again from the shop or app.',
    UnsupportedMediaTypeTitle: 'The payment service could not read this',
    UnsupportedMediaTypeDetail: 'Nothing was changed. Reload the page, then try again.',
    IdempotencyKeyReusedTitle: 'This was already sent with other details',
    IdempotencyKeyReusedDetail:
      'Nothing was changed by this try. Reload the page to see where things stand, then start again.',
    IdempotencyKeyInUseTitle: 'This is still being processed',
    IdempotencyKeyInUseDetail:
      'Your earlier try is not finished yet. Wait a moment before trying again, so nothing is paid twice.',
    PayloadTooLargeTitle: 'This is too large to send',
    PayloadTooLargeDetail:
      'The payment service did not accept it, so nothing was changed. Try again with less.',
    HttpErrorTitle: 'The payment service refused this',
    HttpErrorDetail: 'Nothing was changed. Reload the page, then try again.',
    UnavailableTitle: 'The payment service is briefly unavailable',
    UnavailableDetail: 'Nothing was changed. Try again in a moment.',
    InternalTitle: 'Something failed at the payment service',
    InternalDetail: 'Nothing was changed on your side. Try again in a moment.',
    passkeyCancelledTitle: 'The passkey was not confirmed',
    passkeyCancelledDetail:
      'You cancelled, the check did not pass, or it timed out. Nothing was approved. You can try again.',
    passkeyUnsupportedTitle: 'This browser cannot use a passkey here',
    passkeyUnsupportedDetail: 'Use a browser with passkeys and a screen lock set up on this device.',
    passkeyAlreadyRegisteredTitle: 'This device already has a passkey for your wallet',
    passkeyAlreadyRegisteredDetail: 'You can use the passkey you have.',
    passkeyOtherTitle: 'The passkey did not work',
    passkeyOtherDetail: 'Try again. If it keeps failing, check your device’s screen lock settings.',
    serverProblemTitle: 'The payment service had a problem',
    serverProblemDetail: 'Nothing was changed on your side. Try again in a moment.',
    noConnectionTitle: 'No connection',
    noConnectionDetail:
      'The wallet could not reach the payment service. Check your connection, then try again.',
    unknownTitle: 'Something went wrong',
    unknownDetail: 'Try again. If it keeps happening, reload the page.',
    bankPending:
      '{bank} has not confirmed your latest change yet. The wallet tries again when you next unlock it.',
    bankConfirmed: '{bank} confirmed your latest change at {when}.',
    bankNothing: 'No change to confirm with {bank} since you linked it.',
  },
  de: {
    CloudUnavailableTitle: 'Der Zahlungsdienst ist nicht erreichbar',
    CloudUnavailableDetail: 'Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    CloudTimeoutTitle: 'Der Zahlungsdienst antwortet langsam',
    CloudTimeoutDetail: 'Es wurde nichts geändert. Versuchen Sie es gleich noch einmal.',
    BankUnavailableTitle: 'Ihre Bank ist nicht erreichbar',
    BankUnavailableDetail: 'Ihre Bank hat nicht geantwortet. Versuchen Sie es gleich noch einmal.',
    BankTimeoutTitle: 'Ihre Bank antwortet langsam',
    BankTimeoutDetail: 'Ihre Bank hat nicht rechtzeitig geantwortet. Versuchen Sie es gleich noch einmal.',
    BankRefusedTitle: 'Ihre Bank hat diese Zahlung abgelehnt',
    BankRefusedDetail:
      'Es wurde nichts bezahlt. Wählen Sie ein anderes Konto oder klären Sie mit Ihrer Bank, ob das Konto diese Zahlung ausführen kann.',
    BankPendingTitle: 'Ihre Bank hat noch nicht geantwortet',
    BankPendingDetail:
      'Ihre Freigabe bleibt gespeichert, aber Ihre Bank hat sie noch nicht bestätigt, daher wurde noch nichts bezahlt oder eingerichtet. Versuchen Sie es gleich noch einmal: Die Wallet fragt Ihre Bank erneut.',
    TooManyRequestsTitle: 'Zu viele Versuche in kurzer Zeit',
    TooManyRequestsDetail: 'Warten Sie ein paar Minuten und versuchen Sie es dann erneut.',
    ForeignReturnTitle: 'Dieser Shop wollte Sie auf eine andere Website schicken',
    ForeignReturnDetail:
      'Es wurde nichts bezahlt oder geteilt. Gehen Sie zurück zum Shop oder zur App, von dem Sie kamen, und beginnen Sie dort neu.',
    NotAnswerableTitle: 'Die Wallet kann diese Anfrage nicht beantworten',
    NotAnswerableDetail: 'Gehen Sie zurück zum Shop oder zur App und beginnen Sie neu.',
    ScaFailedTitle: 'Ihr Passkey konnte das nicht bestätigen',
    ScaFailedDetail:
      'Die Passkey-Prüfung ist fehlgeschlagen, daher wurde nichts freigegeben. Versuchen Sie es erneut mit Fingerabdruck, Gesicht oder Displaysperre.',
    ScaRequiredTitle: 'Dafür ist Ihr Passkey nötig',
    ScaRequiredDetail: 'Bestätigen Sie mit Fingerabdruck, Gesicht oder Displaysperre.',
    ExpiredTitle: 'Das ist abgelaufen',
    ExpiredDetail: 'Für eine Freigabe ist es zu spät. Beginnen Sie im Shop oder in der App neu.',
    CancelledTitle: 'Das wurde storniert',
    CancelledDetail:
      'Es kann nicht mehr verwendet werden. Beginnen Sie im Shop oder in der App neu, wenn Sie es noch möchten.',
    ConflictTitle: 'Das ist bereits erledigt',
    ConflictDetail:
      'Ein anderes Fenster oder Gerät war schneller. Laden Sie die Seite neu, um den aktuellen Stand zu sehen.',
    NotFoundTitle: 'Nicht gefunden',
    NotFoundDetail: 'Der Zahlungsdienst kennt es nicht. Vielleicht ist es abgelaufen.',
    ForbiddenTitle: 'Nicht erlaubt',
    ForbiddenDetail: 'Der Zahlungsdienst hat das für Ihre Wallet abgelehnt.',
    InsufficientKeyLevelTitle: 'Die Schlüssel dieses Geräts dürfen das nicht',
    InsufficientKeyLevelDetail: 'Die Schlüssel auf diesem Gerät dürfen das nicht freigeben.',
    KeyExpiredTitle: 'Ein Schlüssel auf diesem Gerät ist abgelaufen',
    KeyExpiredDetail: 'Öffnen Sie „Sicherheit“, um Ihre Schlüssel zu sehen.',
    StaleRequestTitle: 'Die Uhr dieses Geräts scheint falsch zu gehen',
    StaleRequestDetail:
      'Stellen Sie Datum und Uhrzeit in den Geräteeinstellungen auf automatisch und versuchen Sie es erneut.',
    ConditionFailedTitle: 'Die Bank hat diese Zahlung abgelehnt',
    ConditionFailedDetail:
      'Sie erfüllt die Bedingungen der Zahlung nicht, zum Beispiel beim Betrag oder beim Konto.',
    InvalidSignatureTitle: 'Eine Signatur ist ungültig',
    InvalidSignatureDetail: 'Unterwegs wurde etwas verändert. Es wurde nichts freigegeben.',
    MalformedTitle: 'In dieser Anfrage stimmt etwas nicht',
    MalformedDetail:
      'Die Wallet konnte das Empfangene nicht verwenden. Gehen Sie zurück und beginnen Sie neu.',
    StaleLogTitle: 'Eine alte Fassung Ihrer Sicherheitseinstellungen wurde gezeigt',
    StaleLogDetail:
      'Der Zahlungsdienst zeigte Ihre Schlüssel im Stand vor einer späteren Änderung. Es wurde nichts freigegeben.',
    ForkedTitle: 'Ihre Sicherheitseinstellungen stimmen nicht überein',
    ForkedDetail:
      'Der Zahlungsdienst zeigte andere Schlüssel, als Ihre Bank kennt. Es wurde nichts freigegeben.',
    UnknownKeyTitle: 'Dieses Gerät kann nicht mehr für Ihre Wallet signieren',
    UnknownKeyDetail:
      'Es wurde aus Ihrer Wallet entfernt, vielleicht auf einem anderen Ihrer Geräte. Um Ihre Wallet hier wieder zu nutzen, fügen Sie dieses Gerät von einem Gerät hinzu, das Sie noch verwenden.',
    BrokenChainTitle: 'Ihre Sicherheitseinstellungen konnten nicht geprüft werden',
    BrokenChainDetail:
      'Der Verlauf Ihrer Schlüssel passt nicht zusammen, daher kann die Wallet ihm nicht vertrauen. Es wurde nichts freigegeben.',
    NotYetValidTitle: 'Das kann noch nicht verwendet werden',
    NotYetValidDetail:
      'Es beginnt erst später. Es wurde nichts bezahlt. Versuchen Sie es erneut, sobald es begonnen hat.',
    InvalidAmountTitle: 'Dieser Betrag kann nicht verwendet werden',
    InvalidAmountDetail: 'Der Betrag ist für seine Währung ungültig oder zu hoch. Es wurde nichts bezahlt.',
    ReplayTitle: 'Diese Anfrage wurde bereits verwendet',
    ReplayDetail:
      'Dieselbe Anfrage kann nicht zweimal verwendet werden. Es wurde nichts erneut bezahlt oder geändert. Beginnen Sie im Shop oder in der App neu.',
    KeyRetiredTitle: 'Diese Freigabe wird nicht mehr angenommen',
    KeyRetiredDetail:
      'Der Zahlungsdienst nimmt sie nicht mehr an. Es wurde nichts bezahlt oder geändert. Beginnen Sie im Shop oder in der App neu.',
    UnsupportedMediaTypeTitle: 'Der Zahlungsdienst konnte das nicht lesen',
    UnsupportedMediaTypeDetail:
      'Es wurde nichts geändert. Laden Sie die Seite neu und versuchen Sie es erneut.',
    IdempotencyKeyReusedTitle: 'Das wurde bereits mit anderen Angaben gesendet',
    IdempotencyKeyReusedDetail:
      'Dieser Versuch hat nichts geändert. Laden Sie die Seite neu, um den aktuellen Stand zu sehen, und beginnen Sie dann neu.',
    IdempotencyKeyInUseTitle: 'Das wird noch bearbeitet',
    IdempotencyKeyInUseDetail:
      'Ihr vorheriger Versuch ist noch nicht abgeschlossen. Warten Sie einen Moment, bevor Sie es erneut versuchen, damit nichts doppelt bezahlt wird.',
    PayloadTooLargeTitle: 'Das ist zu groß zum Senden',
    PayloadTooLargeDetail:
      'Der Zahlungsdienst hat es nicht angenommen, es wurde also nichts geändert. Versuchen Sie es mit weniger.',
    HttpErrorTitle: 'Der Zahlungsdienst hat das abgelehnt',
    HttpErrorDetail: 'Es wurde nichts geändert. Laden Sie die Seite neu und versuchen Sie es erneut.',
    UnavailableTitle: 'Der Zahlungsdienst ist kurz nicht verfügbar',
    UnavailableDetail: 'Es wurde nichts geändert. Versuchen Sie es gleich noch einmal.',
    InternalTitle: 'Beim Zahlungsdienst ist ein Fehler aufgetreten',
    InternalDetail: 'Bei Ihnen wurde nichts geändert. Versuchen Sie es gleich noch einmal.',
    passkeyCancelledTitle: 'Der Passkey wurde nicht bestätigt',
    passkeyCancelledDetail:
      'Sie haben abgebrochen, die Prüfung ist fehlgeschlagen oder die Zeit ist abgelaufen. Es wurde nichts freigegeben. Sie können es erneut versuchen.',
    passkeyUnsupportedTitle: 'Dieser Browser kann hier keinen Passkey verwenden',
    passkeyUnsupportedDetail:
      'Verwenden Sie einen Browser mit Passkeys und richten Sie auf diesem Gerät eine Displaysperre ein.',
    passkeyAlreadyRegisteredTitle: 'Dieses Gerät hat bereits einen Passkey für Ihre Wallet',
    passkeyAlreadyRegisteredDetail: 'Sie können Ihren vorhandenen Passkey verwenden.',
    passkeyOtherTitle: 'Der Passkey hat nicht funktioniert',
    passkeyOtherDetail:
      'Versuchen Sie es erneut. Wenn es weiter fehlschlägt, prüfen Sie die Einstellungen der Displaysperre Ihres Geräts.',
    serverProblemTitle: 'Beim Zahlungsdienst ist ein Problem aufgetreten',
    serverProblemDetail: 'Bei Ihnen wurde nichts geändert. Versuchen Sie es gleich noch einmal.',
    noConnectionTitle: 'Keine Verbindung',
    noConnectionDetail:
      'Die Wallet konnte den Zahlungsdienst nicht erreichen. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    unknownTitle: 'Etwas ist schiefgelaufen',
    unknownDetail: 'Versuchen Sie es erneut. Wenn es wieder passiert, laden Sie die Seite neu.',
    bankPending:
      '{bank} hat Ihre letzte Änderung noch nicht bestätigt. Die Wallet versucht es erneut, wenn Sie sie das nächste Mal entsperren.',
    bankConfirmed: '{bank} hat Ihre letzte Änderung um {when} bestätigt.',
    bankNothing: 'Seit der Verknüpfung gibt es keine Änderung, die {bank} bestätigen muss.',
  },
  fr: {
    CloudUnavailableTitle: 'Le service de paiement est injoignable',
    CloudUnavailableDetail: 'Vérifiez votre connexion, puis réessayez.',
    CloudTimeoutTitle: 'Le service de paiement tarde à répondre',
    CloudTimeoutDetail: 'Rien n’a été modifié. Réessayez dans un instant.',
    BankUnavailableTitle: 'Votre banque est injoignable',
    BankUnavailableDetail: 'Votre banque n’a pas répondu. Réessayez dans un instant.',
    BankTimeoutTitle: 'Votre banque tarde à répondre',
    BankTimeoutDetail: 'Votre banque n’a pas répondu à temps. Réessayez dans un instant.',
    BankRefusedTitle: 'Votre banque a refusé ce paiement',
    BankRefusedDetail:
      'Rien n’a été payé. Choisissez un autre compte, ou vérifiez auprès de votre banque que ce compte peut effectuer ce paiement.',
    BankPendingTitle: 'Votre banque n’a pas encore répondu',
    BankPendingDetail:
      'Votre accord est conservé, mais votre banque ne l’a pas encore confirmé : rien n’a donc été payé ni mis en place. Réessayez dans un instant : le portefeuille redemandera à votre banque.',
    TooManyRequestsTitle: 'Trop d’essais en peu de temps',
    TooManyRequestsDetail: 'Attendez quelques minutes, puis réessayez.',
    ForeignReturnTitle: 'Cette boutique a voulu vous envoyer vers un autre site',
    ForeignReturnDetail:
      'Rien n’a été payé ni partagé. Revenez à la boutique ou à l’appli d’où vous venez et recommencez là-bas.',
    NotAnswerableTitle: 'Le portefeuille ne peut pas répondre à cette demande',
    NotAnswerableDetail: 'Revenez à la boutique ou à l’appli et recommencez.',
    ScaFailedTitle: 'Votre clé d’accès n’a pas pu confirmer',
    ScaFailedDetail:
      'La vérification de la clé d’accès a échoué, rien n’a donc été approuvé. Réessayez avec votre empreinte, votre visage ou le verrouillage de l’écran.',
    ScaRequiredTitle: 'Votre clé d’accès est nécessaire',
    ScaRequiredDetail: 'Confirmez avec votre empreinte, votre visage ou le verrouillage de l’écran.',
    ExpiredTitle: 'Ceci a expiré',
    ExpiredDetail: 'Il est trop tard pour l’approuver. Recommencez depuis la boutique ou l’appli.',
    CancelledTitle: 'Ceci a été annulé',
    CancelledDetail:
      'Ce n’est plus utilisable. Recommencez depuis la boutique ou l’appli si vous le voulez toujours.',
    ConflictTitle: 'C’est déjà fait',
    ConflictDetail:
      'Une autre fenêtre ou un autre appareil a été plus rapide. Rechargez pour voir où en sont les choses.',
    NotFoundTitle: 'Introuvable',
    NotFoundDetail: 'Le service de paiement ne le connaît pas. Il a peut-être expiré.',
    ForbiddenTitle: 'Non autorisé',
    ForbiddenDetail: 'Le service de paiement l’a refusé pour votre portefeuille.',
    InsufficientKeyLevelTitle: 'Les clés de cet appareil ne le permettent pas',
    InsufficientKeyLevelDetail: 'Les clés de cet appareil ne sont pas autorisées à approuver ceci.',
    KeyExpiredTitle: 'Une clé de cet appareil a expiré',
    KeyExpiredDetail: 'Ouvrez Sécurité pour voir vos clés.',
    StaleRequestTitle: 'L’horloge de cet appareil semble fausse',
    StaleRequestDetail:
      'Réglez la date et l’heure automatiquement dans les paramètres de l’appareil, puis réessayez.',
    ConditionFailedTitle: 'La banque a refusé ce paiement',
    ConditionFailedDetail:
      'Il ne respecte pas les conditions du paiement, par exemple le montant ou le compte.',
    InvalidSignatureTitle: 'Une signature n’est pas valide',
    InvalidSignatureDetail: 'Quelque chose a été modifié en route. Rien n’a été approuvé.',
    MalformedTitle: 'Quelque chose ne va pas dans cette demande',
    MalformedDetail:
      'Le portefeuille n’a pas pu utiliser ce qu’il a reçu. Revenez en arrière et recommencez.',
    StaleLogTitle: 'Une ancienne version de vos réglages de sécurité a été affichée',
    StaleLogDetail:
      'Le service de paiement a montré vos clés telles qu’elles étaient avant une modification plus récente. Rien n’a été approuvé.',
    ForkedTitle: 'Vos réglages de sécurité ne concordent pas',
    ForkedDetail:
      'Le service de paiement a montré des clés différentes de celles que connaît votre banque. Rien n’a été approuvé.',
    UnknownKeyTitle: 'Cet appareil ne peut plus signer pour votre portefeuille',
    UnknownKeyDetail:
      'Il a été retiré de votre portefeuille, peut-être depuis un autre de vos appareils. Pour utiliser votre portefeuille ici à nouveau, ajoutez cet appareil depuis un appareil que vous utilisez encore.',
    BrokenChainTitle: 'Vos réglages de sécurité n’ont pas pu être vérifiés',
    BrokenChainDetail:
      'L’historique de vos clés ne se suit pas, le portefeuille ne peut donc pas s’y fier. Rien n’a été approuvé.',
    NotYetValidTitle: 'Ceci ne peut pas encore être utilisé',
    NotYetValidDetail:
      'Cela ne commence que plus tard. Rien n’a été payé. Réessayez une fois que cela a commencé.',
    InvalidAmountTitle: 'Ce montant ne peut pas être utilisé',
    InvalidAmountDetail:
      'Le montant n’est pas valable dans sa devise ou il est trop élevé. Rien n’a été payé.',
    ReplayTitle: 'Cette demande a déjà été utilisée',
    ReplayDetail:
      'La même demande ne peut pas servir deux fois. Rien n’a été payé ni modifié une seconde fois. Recommencez depuis la boutique ou l’application.',
    KeyRetiredTitle: 'Cette autorisation n’est plus acceptée',
    KeyRetiredDetail:
      'Le service de paiement ne l’accepte plus. Rien n’a été payé ni modifié. Recommencez depuis la boutique ou l’application.',
    UnsupportedMediaTypeTitle: 'Le service de paiement n’a pas pu lire ceci',
    UnsupportedMediaTypeDetail: 'Rien n’a été modifié. Rechargez la page, puis réessayez.',
    IdempotencyKeyReusedTitle: 'Ceci a déjà été envoyé avec d’autres informations',
    IdempotencyKeyReusedDetail:
      'Cet essai n’a rien modifié. Rechargez la page pour voir où en sont les choses, puis recommencez.',
    IdempotencyKeyInUseTitle: 'Ceci est encore en cours de traitement',
    IdempotencyKeyInUseDetail:
      'Votre essai précédent n’est pas encore terminé. Attendez un instant avant de réessayer, pour que rien ne soit payé deux fois.',
    PayloadTooLargeTitle: 'C’est trop volumineux pour être envoyé',
    PayloadTooLargeDetail:
      'Le service de paiement ne l’a pas accepté, rien n’a donc été modifié. Réessayez avec moins.',
    HttpErrorTitle: 'Le service de paiement a refusé ceci',
    HttpErrorDetail: 'Rien n’a été modifié. Rechargez la page, puis réessayez.',
    UnavailableTitle: 'Le service de paiement est brièvement indisponible',
    UnavailableDetail: 'Rien n’a été modifié. Réessayez dans un instant.',
    InternalTitle: 'Une erreur s’est produite au service de paiement',
    InternalDetail: 'Rien n’a été modifié de votre côté. Réessayez dans un instant.',
    passkeyCancelledTitle: 'La clé d’accès n’a pas été confirmée',
    passkeyCancelledDetail:
      'Vous avez annulé, la vérification a échoué ou le délai a expiré. Rien n’a été approuvé. Vous pouvez réessayer.',
    passkeyUnsupportedTitle: 'Ce navigateur ne peut pas utiliser de clé d’accès ici',
    passkeyUnsupportedDetail:
      'Utilisez un navigateur compatible avec les clés d’accès et configurez un verrouillage de l’écran sur cet appareil.',
    passkeyAlreadyRegisteredTitle: 'Cet appareil a déjà une clé d’accès pour votre portefeuille',
    passkeyAlreadyRegisteredDetail: 'Vous pouvez utiliser votre clé d’accès actuelle.',
    passkeyOtherTitle: 'La clé d’accès n’a pas fonctionné',
    passkeyOtherDetail:
      'Réessayez. Si l’échec persiste, vérifiez les réglages de verrouillage de l’écran de votre appareil.',
    serverProblemTitle: 'Le service de paiement a rencontré un problème',
    serverProblemDetail: 'Rien n’a été modifié de votre côté. Réessayez dans un instant.',
    noConnectionTitle: 'Pas de connexion',
    noConnectionDetail:
      'Le portefeuille n’a pas pu joindre le service de paiement. Vérifiez votre connexion, puis réessayez.',
    unknownTitle: 'Un problème est survenu',
    unknownDetail: 'Réessayez. Si cela se reproduit, rechargez la page.',
    bankPending:
      '{bank} n’a pas encore confirmé votre dernière modification. Le portefeuille réessaiera au prochain déverrouillage.',
    bankConfirmed: '{bank} a confirmé votre dernière modification à {when}.',
    bankNothing: 'Aucune modification à faire confirmer par {bank} depuis que vous l’avez liée.',
  },
  es: {
    CloudUnavailableTitle: 'No se puede contactar con el servicio de pagos',
    CloudUnavailableDetail: 'Comprueba tu conexión y vuelve a intentarlo.',
    CloudTimeoutTitle: 'El servicio de pagos tarda en responder',
    CloudTimeoutDetail: 'No se ha cambiado nada. Vuelve a intentarlo en un momento.',
    BankUnavailableTitle: 'No se puede contactar con tu banco',
    BankUnavailableDetail: 'Tu banco no ha respondido. Vuelve a intentarlo en un momento.',
    BankTimeoutTitle: 'Tu banco tarda en responder',
    BankTimeoutDetail: 'Tu banco no respondió a tiempo. Vuelve a intentarlo en un momento.',
    BankRefusedTitle: 'Tu banco ha rechazado este pago',
    BankRefusedDetail:
      'No se ha pagado nada. Elige otra cuenta o consulta con tu banco si la cuenta puede hacer este pago.',
    BankPendingTitle: 'Tu banco aún no ha respondido',
    BankPendingDetail:
      'Tu aprobación se guarda, pero tu banco aún no la ha confirmado, así que todavía no se ha pagado ni configurado nada. Vuelve a intentarlo en un momento: el monedero preguntará de nuevo a tu banco.',
    TooManyRequestsTitle: 'Demasiados intentos en poco tiempo',
    TooManyRequestsDetail: 'Espera unos minutos y vuelve a intentarlo.',
    ForeignReturnTitle: 'Esta tienda quería enviarte a otro sitio web',
    ForeignReturnDetail:
      'No se ha pagado ni compartido nada. Vuelve a la tienda o app de la que venías y empieza de nuevo allí.',
    NotAnswerableTitle: 'El monedero no puede responder a esta solicitud',
    NotAnswerableDetail: 'Vuelve a la tienda o app y empieza de nuevo.',
    ScaFailedTitle: 'Tu llave de acceso no ha podido confirmarlo',
    ScaFailedDetail:
      'La comprobación de la llave de acceso no se superó, así que no se aprobó nada. Inténtalo de nuevo con tu huella, tu cara o el bloqueo de pantalla.',
    ScaRequiredTitle: 'Esto necesita tu llave de acceso',
    ScaRequiredDetail: 'Confirma con tu huella, tu cara o el bloqueo de pantalla.',
    ExpiredTitle: 'Esto ha caducado',
    ExpiredDetail: 'Ya es tarde para aprobarlo. Empieza de nuevo desde la tienda o la app.',
    CancelledTitle: 'Esto se ha cancelado',
    CancelledDetail: 'Ya no se puede usar. Empieza de nuevo desde la tienda o la app si aún lo quieres.',
    ConflictTitle: 'Esto ya está hecho',
    ConflictDetail: 'Otra ventana u otro dispositivo llegó antes. Recarga para ver cómo está todo.',
    NotFoundTitle: 'No encontrado',
    NotFoundDetail: 'El servicio de pagos no lo conoce. Puede que haya caducado.',
    ForbiddenTitle: 'No permitido',
    ForbiddenDetail: 'El servicio de pagos lo ha rechazado para tu monedero.',
    InsufficientKeyLevelTitle: 'Las claves de este dispositivo no pueden hacerlo',
    InsufficientKeyLevelDetail: 'Las claves de este dispositivo no pueden aprobar esto.',
    KeyExpiredTitle: 'Una clave de este dispositivo ha caducado',
    KeyExpiredDetail: 'Abre Seguridad para ver tus claves.',
    StaleRequestTitle: 'El reloj de este dispositivo parece incorrecto',
    StaleRequestDetail:
      'Pon la fecha y la hora en automático en los ajustes del dispositivo y vuelve a intentarlo.',
    ConditionFailedTitle: 'El banco ha rechazado este pago',
    ConditionFailedDetail: 'No cumple las condiciones del pago, por ejemplo el importe o la cuenta.',
    InvalidSignatureTitle: 'Una firma no es válida',
    InvalidSignatureDetail: 'Algo se cambió por el camino. No se aprobó nada.',
    MalformedTitle: 'Algo falla en esta solicitud',
    MalformedDetail: 'El monedero no pudo usar lo que recibió. Vuelve atrás y empieza de nuevo.',
    StaleLogTitle: 'Se mostró una copia antigua de tus ajustes de seguridad',
    StaleLogDetail:
      'El servicio de pagos mostró tus claves como estaban antes de un cambio posterior. No se aprobó nada.',
    ForkedTitle: 'Tus ajustes de seguridad no coinciden',
    ForkedDetail:
      'El servicio de pagos mostró claves distintas de las que conoce tu banco. No se aprobó nada.',
    UnknownKeyTitle: 'Este dispositivo ya no puede firmar por tu monedero',
    UnknownKeyDetail:
      'Se quitó de tu monedero, quizá desde otro de tus dispositivos. Para volver a usar tu monedero aquí, añade este dispositivo desde uno que aún uses.',
    BrokenChainTitle: 'No se pudieron comprobar tus ajustes de seguridad',
    BrokenChainDetail:
      'El historial de tus claves no encaja, así que el monedero no puede fiarse de él. No se aprobó nada.',
    NotYetValidTitle: 'Esto aún no se puede usar',
    NotYetValidDetail: 'Empieza más tarde. No se pagó nada. Vuelve a intentarlo cuando haya empezado.',
    InvalidAmountTitle: 'Este importe no se puede usar',
    InvalidAmountDetail: 'El importe no es válido en su moneda o es demasiado alto. No se pagó nada.',
    ReplayTitle: 'Esta solicitud ya se usó',
    ReplayDetail:
      'La misma solicitud no se puede usar dos veces. No se pagó ni cambió nada otra vez. Empieza de nuevo desde la tienda o la app.',
    KeyRetiredTitle: 'Esta autorización ya no se acepta',
    KeyRetiredDetail:
      'El servicio de pagos ya no la acepta. No se pagó ni cambió nada. Empieza de nuevo desde la tienda o la app.',
    UnsupportedMediaTypeTitle: 'El servicio de pagos no pudo leer esto',
    UnsupportedMediaTypeDetail: 'No se ha cambiado nada. Recarga la página y vuelve a intentarlo.',
    IdempotencyKeyReusedTitle: 'Esto ya se envió con otros datos',
    IdempotencyKeyReusedDetail:
      'Este intento no cambió nada. Recarga la página para ver cómo está todo y empieza de nuevo.',
    IdempotencyKeyInUseTitle: 'Esto aún se está procesando',
    IdempotencyKeyInUseDetail:
      'Tu intento anterior aún no ha terminado. Espera un momento antes de volver a intentarlo, para que no se pague nada dos veces.',
    PayloadTooLargeTitle: 'Esto es demasiado grande para enviarlo',
    PayloadTooLargeDetail:
      'El servicio de pagos no lo aceptó, así que no se cambió nada. Vuelve a intentarlo con menos.',
    HttpErrorTitle: 'El servicio de pagos rechazó esto',
    HttpErrorDetail: 'No se ha cambiado nada. Recarga la página y vuelve a intentarlo.',
    UnavailableTitle: 'El servicio de pagos no está disponible un momento',
    UnavailableDetail: 'No se ha cambiado nada. Vuelve a intentarlo en un momento.',
    InternalTitle: 'Algo falló en el servicio de pagos',
    InternalDetail: 'No se ha cambiado nada por tu parte. Vuelve a intentarlo en un momento.',
    passkeyCancelledTitle: 'La llave de acceso no se confirmó',
    passkeyCancelledDetail:
      'Cancelaste, la comprobación no se superó o se agotó el tiempo. No se aprobó nada. Puedes volver a intentarlo.',
    passkeyUnsupportedTitle: 'Este navegador no puede usar una llave de acceso aquí',
    passkeyUnsupportedDetail:
      'Usa un navegador con llaves de acceso y configura un bloqueo de pantalla en este dispositivo.',
    passkeyAlreadyRegisteredTitle: 'Este dispositivo ya tiene una llave de acceso para tu monedero',
    passkeyAlreadyRegisteredDetail: 'Puedes usar la llave de acceso que ya tienes.',
    passkeyOtherTitle: 'La llave de acceso no funcionó',
    passkeyOtherDetail:
      'Vuelve a intentarlo. Si sigue fallando, revisa los ajustes de bloqueo de pantalla de tu dispositivo.',
    serverProblemTitle: 'El servicio de pagos ha tenido un problema',
    serverProblemDetail: 'No se ha cambiado nada por tu parte. Vuelve a intentarlo en un momento.',
    noConnectionTitle: 'Sin conexión',
    noConnectionDetail:
      'El monedero no pudo contactar con el servicio de pagos. Comprueba tu conexión y vuelve a intentarlo.',
    unknownTitle: 'Algo ha fallado',
    unknownDetail: 'Vuelve a intentarlo. Si sigue pasando, recarga la página.',
    bankPending:
      '{bank} aún no ha confirmado tu último cambio. El monedero lo intentará de nuevo la próxima vez que lo desbloquees.',
    bankConfirmed: '{bank} confirmó tu último cambio a las {when}.',
    bankNothing: 'No hay ningún cambio que {bank} deba confirmar desde que la vinculaste.',
  },
  it: {
    CloudUnavailableTitle: 'Il servizio di pagamento non è raggiungibile',
    CloudUnavailableDetail: 'Controlla la connessione, poi riprova.',
    CloudTimeoutTitle: 'Il servizio di pagamento risponde lentamente',
    CloudTimeoutDetail: 'Non è cambiato nulla. Riprova tra un momento.',
    BankUnavailableTitle: 'La tua banca non è raggiungibile',
    BankUnavailableDetail: 'La tua banca non ha risposto. Riprova tra un momento.',
    BankTimeoutTitle: 'La tua banca risponde lentamente',
    BankTimeoutDetail: 'La tua banca non ha risposto in tempo. Riprova tra un momento.',
    BankRefusedTitle: 'La tua banca ha rifiutato questo pagamento',
    BankRefusedDetail:
      'Non è stato pagato nulla. Scegli un altro conto, oppure verifica con la tua banca che il conto possa fare questo pagamento.',
    BankPendingTitle: 'La tua banca non ha ancora risposto',
    BankPendingDetail:
      'La tua approvazione è conservata, ma la tua banca non l’ha ancora confermata, quindi non è stato ancora pagato né attivato nulla. Riprova tra un momento: il portafoglio chiede di nuovo alla tua banca.',
    TooManyRequestsTitle: 'Troppi tentativi in poco tempo',
    TooManyRequestsDetail: 'Aspetta qualche minuto, poi riprova.',
    ForeignReturnTitle: 'Questo negozio voleva mandarti su un altro sito',
    ForeignReturnDetail:
      'Non è stato pagato né condiviso nulla. Torna al negozio o all’app da cui arrivi e ricomincia da lì.',
    NotAnswerableTitle: 'Il portafoglio non può rispondere a questa richiesta',
    NotAnswerableDetail: 'Torna al negozio o all’app e ricomincia.',
    ScaFailedTitle: 'La tua passkey non è riuscita a confermare',
    ScaFailedDetail:
      'Il controllo della passkey non è riuscito, quindi non è stato approvato nulla. Riprova con l’impronta, il volto o il blocco schermo.',
    ScaRequiredTitle: 'Serve la tua passkey',
    ScaRequiredDetail: 'Conferma con l’impronta, il volto o il blocco schermo.',
    ExpiredTitle: 'È scaduto',
    ExpiredDetail: 'È troppo tardi per approvarlo. Ricomincia dal negozio o dall’app.',
    CancelledTitle: 'È stato annullato',
    CancelledDetail: 'Non si può più usare. Ricomincia dal negozio o dall’app se lo vuoi ancora.',
    ConflictTitle: 'È già stato fatto',
    ConflictDetail:
      'Un’altra finestra o un altro dispositivo è arrivato prima. Ricarica per vedere a che punto sei.',
    NotFoundTitle: 'Non trovato',
    NotFoundDetail: 'Il servizio di pagamento non lo conosce. Potrebbe essere scaduto.',
    ForbiddenTitle: 'Non consentito',
    ForbiddenDetail: 'Il servizio di pagamento l’ha rifiutato per il tuo portafoglio.',
    InsufficientKeyLevelTitle: 'Le chiavi di questo dispositivo non possono farlo',
    InsufficientKeyLevelDetail: 'Le chiavi su questo dispositivo non possono approvarlo.',
    KeyExpiredTitle: 'Una chiave su questo dispositivo è scaduta',
    KeyExpiredDetail: 'Apri Sicurezza per vedere le tue chiavi.',
    StaleRequestTitle: 'L’orologio di questo dispositivo sembra sbagliato',
    StaleRequestDetail: 'Imposta data e ora automatiche nelle impostazioni del dispositivo, poi riprova.',
    ConditionFailedTitle: 'La banca ha rifiutato questo pagamento',
    ConditionFailedDetail: 'Non rispetta le condizioni del pagamento, per esempio l’importo o il conto.',
    InvalidSignatureTitle: 'Una firma non è valida',
    InvalidSignatureDetail: 'Qualcosa è stato modificato lungo il percorso. Non è stato approvato nulla.',
    MalformedTitle: 'Qualcosa in questa richiesta non va',
    MalformedDetail: 'Il portafoglio non ha potuto usare ciò che ha ricevuto. Torna indietro e ricomincia.',
    StaleLogTitle: 'È stata mostrata una vecchia copia delle tue impostazioni di sicurezza',
    StaleLogDetail:
      'Il servizio di pagamento ha mostrato le tue chiavi com’erano prima di una modifica successiva. Non è stato approvato nulla.',
    ForkedTitle: 'Le tue impostazioni di sicurezza non corrispondono',
    ForkedDetail:
      'Il servizio di pagamento ha mostrato chiavi diverse da quelle che conosce la tua banca. Non è stato approvato nulla.',
    UnknownKeyTitle: 'Questo dispositivo non può più firmare per il tuo portafoglio',
    UnknownKeyDetail:
      'È stato rimosso dal tuo portafoglio, forse da un altro dei tuoi dispositivi. Per usare di nuovo il portafoglio qui, aggiungi questo dispositivo da uno che usi ancora.',
    BrokenChainTitle: 'Non è stato possibile controllare le tue impostazioni di sicurezza',
    BrokenChainDetail:
      'La cronologia delle tue chiavi non torna, quindi il portafoglio non può fidarsene. Non è stato approvato nulla.',
    NotYetValidTitle: 'Non si può ancora usare',
    NotYetValidDetail: 'Inizia solo più tardi. Non è stato pagato nulla. Riprova quando sarà iniziato.',
    InvalidAmountTitle: 'Questo importo non si può usare',
    InvalidAmountDetail:
      'L’importo non è valido per la sua valuta o è troppo alto. Non è stato pagato nulla.',
    ReplayTitle: 'Questa richiesta è già stata usata',
    ReplayDetail:
      'La stessa richiesta non si può usare due volte. Non è stato pagato né cambiato nulla di nuovo. Ricomincia dal negozio o dall’app.',
    KeyRetiredTitle: 'Questa autorizzazione non è più accettata',
    KeyRetiredDetail:
      'Il servizio di pagamento non la accetta più. Non è stato pagato né cambiato nulla. Ricomincia dal negozio o dall’app.',
    UnsupportedMediaTypeTitle: 'Il servizio di pagamento non è riuscito a leggere questo',
    UnsupportedMediaTypeDetail: 'Non è cambiato nulla. Ricarica la pagina e riprova.',
    IdempotencyKeyReusedTitle: 'Questo è già stato inviato con altri dati',
    IdempotencyKeyReusedDetail:
      'Questo tentativo non ha cambiato nulla. Ricarica la pagina per vedere a che punto sei, poi ricomincia.',
    IdempotencyKeyInUseTitle: 'È ancora in elaborazione',
    IdempotencyKeyInUseDetail:
      'Il tuo tentativo precedente non è ancora finito. Aspetta un momento prima di riprovare, così non si paga nulla due volte.',
    PayloadTooLargeTitle: 'È troppo grande da inviare',
    PayloadTooLargeDetail:
      'Il servizio di pagamento non l’ha accettato, quindi non è cambiato nulla. Riprova con meno.',
    HttpErrorTitle: 'Il servizio di pagamento ha rifiutato questo',
    HttpErrorDetail: 'Non è cambiato nulla. Ricarica la pagina e riprova.',
    UnavailableTitle: 'Il servizio di pagamento è momentaneamente non disponibile',
    UnavailableDetail: 'Non è cambiato nulla. Riprova tra un momento.',
    InternalTitle: 'Qualcosa non ha funzionato nel servizio di pagamento',
    InternalDetail: 'Dalla tua parte non è cambiato nulla. Riprova tra un momento.',
    passkeyCancelledTitle: 'La passkey non è stata confermata',
    passkeyCancelledDetail:
      'Hai annullato, il controllo non è riuscito o il tempo è scaduto. Non è stato approvato nulla. Puoi riprovare.',
    passkeyUnsupportedTitle: 'Questo browser non può usare una passkey qui',
    passkeyUnsupportedDetail:
      'Usa un browser con le passkey e imposta un blocco schermo su questo dispositivo.',
    passkeyAlreadyRegisteredTitle: 'Questo dispositivo ha già una passkey per il tuo portafoglio',
    passkeyAlreadyRegisteredDetail: 'Puoi usare la passkey che hai.',
    passkeyOtherTitle: 'La passkey non ha funzionato',
    passkeyOtherDetail:
      'Riprova. Se continua a non funzionare, controlla le impostazioni del blocco schermo.',
    serverProblemTitle: 'Il servizio di pagamento ha avuto un problema',
    serverProblemDetail: 'Dalla tua parte non è cambiato nulla. Riprova tra un momento.',
    noConnectionTitle: 'Nessuna connessione',
    noConnectionDetail:
      'Il portafoglio non ha raggiunto il servizio di pagamento. Controlla la connessione, poi riprova.',
    unknownTitle: 'Qualcosa è andato storto',
    unknownDetail: 'Riprova. Se succede ancora, ricarica la pagina.',
    bankPending:
      '{bank} non ha ancora confermato la tua ultima modifica. Il portafoglio riprova la prossima volta che lo sblocchi.',
    bankConfirmed: '{bank} ha confermato la tua ultima modifica alle {when}.',
    bankNothing: 'Nessuna modifica da far confermare a {bank} da quando l’hai collegata.',
  },
  nl: {
    CloudUnavailableTitle: 'De betaaldienst is niet bereikbaar',
    CloudUnavailableDetail: 'Controleer je verbinding en probeer het opnieuw.',
    CloudTimeoutTitle: 'De betaaldienst reageert traag',
    CloudTimeoutDetail: 'Er is niets gewijzigd. Probeer het zo opnieuw.',
    BankUnavailableTitle: 'Je bank is niet bereikbaar',
    BankUnavailableDetail: 'Je bank heeft niet geantwoord. Probeer het zo opnieuw.',
    BankTimeoutTitle: 'Je bank reageert traag',
    BankTimeoutDetail: 'Je bank heeft niet op tijd geantwoord. Probeer het zo opnieuw.',
    BankRefusedTitle: 'Je bank heeft deze betaling geweigerd',
    BankRefusedDetail:
      'Er is niets betaald. Kies een andere rekening, of vraag je bank of de rekening deze betaling kan doen.',
    BankPendingTitle: 'Je bank heeft nog niet geantwoord',
    BankPendingDetail:
      'Je goedkeuring is bewaard, maar je bank heeft die nog niet bevestigd, dus er is nog niets betaald of ingesteld. Probeer het zo opnieuw: de wallet vraagt het je bank nog eens.',
    TooManyRequestsTitle: 'Te veel pogingen in korte tijd',
    TooManyRequestsDetail: 'Wacht een paar minuten en probeer het opnieuw.',
    ForeignReturnTitle: 'Deze winkel wilde je naar een andere website sturen',
    ForeignReturnDetail:
      'Er is niets betaald of gedeeld. Ga terug naar de winkel of app waar je vandaan kwam en begin daar opnieuw.',
    NotAnswerableTitle: 'De wallet kan dit verzoek niet beantwoorden',
    NotAnswerableDetail: 'Ga terug naar de winkel of app en begin opnieuw.',
    ScaFailedTitle: 'Je passkey kon dit niet bevestigen',
    ScaFailedDetail:
      'De passkeycontrole is mislukt, dus er is niets goedgekeurd. Probeer het opnieuw met je vingerafdruk, gezicht of schermvergrendeling.',
    ScaRequiredTitle: 'Hiervoor is je passkey nodig',
    ScaRequiredDetail: 'Bevestig met je vingerafdruk, gezicht of schermvergrendeling.',
    ExpiredTitle: 'Dit is verlopen',
    ExpiredDetail: 'Het is te laat om dit goed te keuren. Begin opnieuw in de winkel of app.',
    CancelledTitle: 'Dit is geannuleerd',
    CancelledDetail:
      'Het kan niet meer worden gebruikt. Begin opnieuw in de winkel of app als je het nog wilt.',
    ConflictTitle: 'Dit is al gedaan',
    ConflictDetail: 'Een ander venster of apparaat was eerder. Laad opnieuw om te zien hoe het ervoor staat.',
    NotFoundTitle: 'Niet gevonden',
    NotFoundDetail: 'De betaaldienst kent het niet. Misschien is het verlopen.',
    ForbiddenTitle: 'Niet toegestaan',
    ForbiddenDetail: 'De betaaldienst heeft dit voor je wallet geweigerd.',
    InsufficientKeyLevelTitle: 'De sleutels van dit apparaat mogen dat niet',
    InsufficientKeyLevelDetail: 'De sleutels op dit apparaat mogen dit niet goedkeuren.',
    KeyExpiredTitle: 'Een sleutel op dit apparaat is verlopen',
    KeyExpiredDetail: 'Open Beveiliging om je sleutels te zien.',
    StaleRequestTitle: 'De klok van dit apparaat lijkt niet te kloppen',
    StaleRequestDetail:
      'Zet datum en tijd op automatisch in de instellingen van je apparaat en probeer het opnieuw.',
    ConditionFailedTitle: 'De bank heeft deze betaling geweigerd',
    ConditionFailedDetail:
      'Ze voldoet niet aan de voorwaarden van de betaling, bijvoorbeeld het bedrag of de rekening.',
    InvalidSignatureTitle: 'Een handtekening klopt niet',
    InvalidSignatureDetail: 'Er is onderweg iets veranderd. Er is niets goedgekeurd.',
    MalformedTitle: 'Er klopt iets niet in dit verzoek',
    MalformedDetail: 'De wallet kon niet gebruiken wat hij ontving. Ga terug en begin opnieuw.',
    StaleLogTitle: 'Er werd een oude versie van je beveiligingsinstellingen getoond',
    StaleLogDetail:
      'De betaaldienst toonde je sleutels zoals ze waren vóór een latere wijziging. Er is niets goedgekeurd.',
    ForkedTitle: 'Je beveiligingsinstellingen komen niet overeen',
    ForkedDetail: 'De betaaldienst toonde andere sleutels dan je bank kent. Er is niets goedgekeurd.',
    UnknownKeyTitle: 'Dit apparaat kan niet meer tekenen voor je wallet',
    UnknownKeyDetail:
      'Het is uit je wallet verwijderd, misschien op een ander apparaat van je. Wil je je wallet hier weer gebruiken, voeg dit apparaat dan toe vanaf een apparaat dat je nog gebruikt.',
    BrokenChainTitle: 'Je beveiligingsinstellingen konden niet worden gecontroleerd',
    BrokenChainDetail:
      'De geschiedenis van je sleutels klopt niet, dus de wallet kan er niet op vertrouwen. Er is niets goedgekeurd.',
    NotYetValidTitle: 'Dit kan nog niet worden gebruikt',
    NotYetValidDetail:
      'Het begint pas later. Er is niets betaald. Probeer het opnieuw zodra het is begonnen.',
    InvalidAmountTitle: 'Dit bedrag kan niet worden gebruikt',
    InvalidAmountDetail: 'Het bedrag is niet geldig voor de valuta of is te hoog. Er is niets betaald.',
    ReplayTitle: 'Dit verzoek is al gebruikt',
    ReplayDetail:
      'Hetzelfde verzoek kan niet twee keer worden gebruikt. Er is niets opnieuw betaald of gewijzigd. Begin opnieuw vanuit de winkel of app.',
    KeyRetiredTitle: 'Deze toestemming wordt niet meer geaccepteerd',
    KeyRetiredDetail:
      'De betaaldienst accepteert haar niet meer. Er is niets betaald of gewijzigd. Begin opnieuw vanuit de winkel of app.',
    UnsupportedMediaTypeTitle: 'De betaaldienst kon dit niet lezen',
    UnsupportedMediaTypeDetail: 'Er is niets gewijzigd. Laad de pagina opnieuw en probeer het nog eens.',
    IdempotencyKeyReusedTitle: 'Dit is al verstuurd met andere gegevens',
    IdempotencyKeyReusedDetail:
      'Deze poging heeft niets gewijzigd. Laad de pagina opnieuw om te zien hoe het ervoor staat en begin dan opnieuw.',
    IdempotencyKeyInUseTitle: 'Dit wordt nog verwerkt',
    IdempotencyKeyInUseDetail:
      'Je vorige poging is nog niet klaar. Wacht even voordat je het opnieuw probeert, zodat er niets twee keer wordt betaald.',
    PayloadTooLargeTitle: 'Dit is te groot om te versturen',
    PayloadTooLargeDetail:
      'De betaaldienst heeft het niet geaccepteerd, dus er is niets gewijzigd. Probeer het met minder.',
    HttpErrorTitle: 'De betaaldienst heeft dit geweigerd',
    HttpErrorDetail: 'Er is niets gewijzigd. Laad de pagina opnieuw en probeer het nog eens.',
    UnavailableTitle: 'De betaaldienst is even niet beschikbaar',
    UnavailableDetail: 'Er is niets gewijzigd. Probeer het zo opnieuw.',
    InternalTitle: 'Er ging iets mis bij de betaaldienst',
    InternalDetail: 'Aan jouw kant is niets gewijzigd. Probeer het zo opnieuw.',
    passkeyCancelledTitle: 'De passkey is niet bevestigd',
    passkeyCancelledDetail:
      'Je hebt geannuleerd, de controle is mislukt of de tijd is verstreken. Er is niets goedgekeurd. Je kunt het opnieuw proberen.',
    passkeyUnsupportedTitle: 'Deze browser kan hier geen passkey gebruiken',
    passkeyUnsupportedDetail:
      'Gebruik een browser met passkeys en stel schermvergrendeling in op dit apparaat.',
    passkeyAlreadyRegisteredTitle: 'Dit apparaat heeft al een passkey voor je wallet',
    passkeyAlreadyRegisteredDetail: 'Je kunt de passkey gebruiken die je al hebt.',
    passkeyOtherTitle: 'De passkey werkte niet',
    passkeyOtherDetail:
      'Probeer het opnieuw. Blijft het misgaan, controleer dan de instellingen voor schermvergrendeling van je apparaat.',
    serverProblemTitle: 'De betaaldienst had een probleem',
    serverProblemDetail: 'Aan jouw kant is niets gewijzigd. Probeer het zo opnieuw.',
    noConnectionTitle: 'Geen verbinding',
    noConnectionDetail:
      'De wallet kon de betaaldienst niet bereiken. Controleer je verbinding en probeer het opnieuw.',
    unknownTitle: 'Er ging iets mis',
    unknownDetail: 'Probeer het opnieuw. Blijft het gebeuren, laad de pagina dan opnieuw.',
    bankPending:
      '{bank} heeft je laatste wijziging nog niet bevestigd. De wallet probeert het opnieuw wanneer je hem weer ontgrendelt.',
    bankConfirmed: '{bank} heeft je laatste wijziging om {when} bevestigd.',
    bankNothing: 'Geen wijziging om door {bank} te laten bevestigen sinds je de bank hebt gekoppeld.',
  },
  pl: {
    CloudUnavailableTitle: 'Brak połączenia z serwisem płatności',
    CloudUnavailableDetail: 'Sprawdź połączenie i spróbuj ponownie.',
    CloudTimeoutTitle: 'Serwis płatności odpowiada powoli',
    CloudTimeoutDetail: 'Nic nie zostało zmienione. Spróbuj ponownie za chwilę.',
    BankUnavailableTitle: 'Brak połączenia z Twoim bankiem',
    BankUnavailableDetail: 'Twój bank nie odpowiedział. Spróbuj ponownie za chwilę.',
    BankTimeoutTitle: 'Twój bank odpowiada powoli',
    BankTimeoutDetail: 'Twój bank nie odpowiedział na czas. Spróbuj ponownie za chwilę.',
    BankRefusedTitle: 'Twój bank odrzucił tę płatność',
    BankRefusedDetail:
      'Nic nie zostało zapłacone. Wybierz inne konto albo sprawdź w banku, czy z tego konta można wykonać tę płatność.',
    BankPendingTitle: 'Twój bank jeszcze nie odpowiedział',
    BankPendingDetail:
      'Twoja zgoda jest zachowana, ale bank jej jeszcze nie potwierdził, więc nic nie zostało zapłacone ani ustawione. Spróbuj ponownie za chwilę: portfel jeszcze raz zapyta Twój bank.',
    TooManyRequestsTitle: 'Zbyt wiele prób w krótkim czasie',
    TooManyRequestsDetail: 'Odczekaj kilka minut i spróbuj ponownie.',
    ForeignReturnTitle: 'Ten sklep chciał Cię przekierować na inną stronę',
    ForeignReturnDetail:
      'Nic nie zostało zapłacone ani udostępnione. Wróć do sklepu lub aplikacji, w których zaczęła się płatność, i zacznij tam od nowa.',
    NotAnswerableTitle: 'Portfel nie może odpowiedzieć na tę prośbę',
    NotAnswerableDetail: 'Wróć do sklepu lub aplikacji i zacznij od nowa.',
    ScaFailedTitle: 'Twój klucz dostępu nie mógł tego potwierdzić',
    ScaFailedDetail:
      'Weryfikacja klucza dostępu nie powiodła się, więc nic nie zostało zatwierdzone. Spróbuj ponownie odciskiem palca, twarzą lub blokadą ekranu.',
    ScaRequiredTitle: 'To wymaga Twojego klucza dostępu',
    ScaRequiredDetail: 'Potwierdź odciskiem palca, twarzą lub blokadą ekranu.',
    ExpiredTitle: 'To wygasło',
    ExpiredDetail: 'Jest za późno, by to zatwierdzić. Zacznij od nowa w sklepie lub aplikacji.',
    CancelledTitle: 'To zostało anulowane',
    CancelledDetail: 'Nie można już tego użyć. Zacznij od nowa w sklepie lub aplikacji, jeśli nadal chcesz.',
    ConflictTitle: 'To już zostało zrobione',
    ConflictDetail: 'Inne okno lub urządzenie było szybsze. Odśwież stronę, aby zobaczyć aktualny stan.',
    NotFoundTitle: 'Nie znaleziono',
    NotFoundDetail: 'Serwis płatności tego nie zna. Być może wygasło.',
    ForbiddenTitle: 'Niedozwolone',
    ForbiddenDetail: 'Serwis płatności odmówił tego Twojemu portfelowi.',
    InsufficientKeyLevelTitle: 'Klucze tego urządzenia nie mogą tego zrobić',
    InsufficientKeyLevelDetail: 'Klucze na tym urządzeniu nie mogą tego zatwierdzić.',
    KeyExpiredTitle: 'Klucz na tym urządzeniu wygasł',
    KeyExpiredDetail: 'Otwórz Bezpieczeństwo, aby zobaczyć swoje klucze.',
    StaleRequestTitle: 'Zegar tego urządzenia chyba się myli',
    StaleRequestDetail: 'Włącz automatyczną datę i godzinę w ustawieniach urządzenia i spróbuj ponownie.',
    ConditionFailedTitle: 'Bank odrzucił tę płatność',
    ConditionFailedDetail: 'Nie spełnia ona warunków płatności, na przykład co do kwoty lub konta.',
    InvalidSignatureTitle: 'Podpis się nie zgadza',
    InvalidSignatureDetail: 'Coś zostało zmienione po drodze. Nic nie zostało zatwierdzone.',
    MalformedTitle: 'Coś jest nie tak z tą prośbą',
    MalformedDetail: 'Portfel nie mógł użyć tego, co otrzymał. Wróć i zacznij od nowa.',
    StaleLogTitle: 'Pokazano starą wersję Twoich ustawień bezpieczeństwa',
    StaleLogDetail:
      'Serwis płatności pokazał Twoje klucze sprzed późniejszej zmiany. Nic nie zostało zatwierdzone.',
    ForkedTitle: 'Twoje ustawienia bezpieczeństwa się nie zgadzają',
    ForkedDetail: 'Serwis płatności pokazał inne klucze, niż zna Twój bank. Nic nie zostało zatwierdzone.',
    UnknownKeyTitle: 'To urządzenie nie może już podpisywać w imieniu Twojego portfela',
    UnknownKeyDetail:
      'Zostało usunięte z Twojego portfela, być może na innym Twoim urządzeniu. Aby znów używać tu portfela, dodaj to urządzenie z tego, którego nadal używasz.',
    BrokenChainTitle: 'Nie udało się sprawdzić Twoich ustawień bezpieczeństwa',
    BrokenChainDetail:
      'Historia Twoich kluczy się nie zgadza, więc portfel nie może jej ufać. Nic nie zostało zatwierdzone.',
    NotYetValidTitle: 'Tego nie można jeszcze użyć',
    NotYetValidDetail:
      'Zaczyna obowiązywać dopiero później. Nic nie zostało zapłacone. Spróbuj ponownie, gdy zacznie obowiązywać.',
    InvalidAmountTitle: 'Tej kwoty nie można użyć',
    InvalidAmountDetail:
      'Kwota jest nieprawidłowa dla swojej waluty albo zbyt wysoka. Nic nie zostało zapłacone.',
    ReplayTitle: 'To żądanie zostało już użyte',
    ReplayDetail:
      'Tego samego żądania nie można użyć dwa razy. Nic nie zostało ponownie zapłacone ani zmienione. Zacznij od nowa w sklepie lub aplikacji.',
    KeyRetiredTitle: 'Ta zgoda nie jest już przyjmowana',
    KeyRetiredDetail:
      'Serwis płatności już jej nie przyjmuje. Nic nie zostało zapłacone ani zmienione. Zacznij od nowa w sklepie lub aplikacji.',
    UnsupportedMediaTypeTitle: 'Serwis płatności nie mógł tego odczytać',
    UnsupportedMediaTypeDetail: 'Nic nie zostało zmienione. Odśwież stronę i spróbuj ponownie.',
    IdempotencyKeyReusedTitle: 'To zostało już wysłane z innymi danymi',
    IdempotencyKeyReusedDetail:
      'Ta próba niczego nie zmieniła. Odśwież stronę, aby zobaczyć aktualny stan, i zacznij od nowa.',
    IdempotencyKeyInUseTitle: 'To jest jeszcze przetwarzane',
    IdempotencyKeyInUseDetail:
      'Twoja poprzednia próba jeszcze się nie zakończyła. Poczekaj chwilę przed ponowną próbą, aby nic nie zostało zapłacone dwa razy.',
    PayloadTooLargeTitle: 'To jest za duże, by to wysłać',
    PayloadTooLargeDetail:
      'Serwis płatności tego nie przyjął, więc nic nie zostało zmienione. Spróbuj ponownie z mniejszą ilością.',
    HttpErrorTitle: 'Serwis płatności to odrzucił',
    HttpErrorDetail: 'Nic nie zostało zmienione. Odśwież stronę i spróbuj ponownie.',
    UnavailableTitle: 'Serwis płatności jest chwilowo niedostępny',
    UnavailableDetail: 'Nic nie zostało zmienione. Spróbuj ponownie za chwilę.',
    InternalTitle: 'W serwisie płatności coś poszło nie tak',
    InternalDetail: 'Po Twojej stronie nic nie zostało zmienione. Spróbuj ponownie za chwilę.',
    passkeyCancelledTitle: 'Klucz dostępu nie został potwierdzony',
    passkeyCancelledDetail:
      'Weryfikacja została anulowana, nie powiodła się albo minął czas. Nic nie zostało zatwierdzone. Możesz spróbować ponownie.',
    passkeyUnsupportedTitle: 'Ta przeglądarka nie może tu użyć klucza dostępu',
    passkeyUnsupportedDetail:
      'Użyj przeglądarki obsługującej klucze dostępu i ustaw blokadę ekranu na tym urządzeniu.',
    passkeyAlreadyRegisteredTitle: 'To urządzenie ma już klucz dostępu do Twojego portfela',
    passkeyAlreadyRegisteredDetail: 'Możesz użyć klucza dostępu, który już masz.',
    passkeyOtherTitle: 'Klucz dostępu nie zadziałał',
    passkeyOtherDetail:
      'Spróbuj ponownie. Jeśli nadal nie działa, sprawdź ustawienia blokady ekranu na swoim urządzeniu.',
    serverProblemTitle: 'Serwis płatności miał problem',
    serverProblemDetail: 'Po Twojej stronie nic nie zostało zmienione. Spróbuj ponownie za chwilę.',
    noConnectionTitle: 'Brak połączenia',
    noConnectionDetail:
      'Portfel nie mógł połączyć się z serwisem płatności. Sprawdź połączenie i spróbuj ponownie.',
    unknownTitle: 'Coś poszło nie tak',
    unknownDetail: 'Spróbuj ponownie. Jeśli to się powtarza, odśwież stronę.',
    bankPending:
      'Twoja ostatnia zmiana nie została jeszcze potwierdzona przez {bank}. Portfel spróbuje ponownie, gdy następnym razem go odblokujesz.',
    bankConfirmed: 'Twoja ostatnia zmiana została potwierdzona przez {bank} o {when}.',
    bankNothing: 'Od połączenia banku {bank} nie ma żadnej zmiany do potwierdzenia.',
  },
});
