import { defineCatalog } from '@tokenos/i18n';

/** What the pages' browser scripts (public/shop.js, subscribe.js) say, handed to them in a data attribute. */
export const scriptMessages = defineCatalog({
  en: {
    Expired: 'Your approval expired before we could use it. Nothing was charged; please try again.',
    Cancelled: 'The approval was cancelled in your wallet. Nothing was charged.',
    Unchecked: 'Your wallet’s answer could not be checked. Nothing was charged; please try again.',
    Forbidden: 'Your wallet’s answer was not for this checkout. Nothing was charged; please try again.',
    EmptyCart: 'Your cart is empty.',
    payFailed: 'The shop could not take the payment. Nothing was charged.',
    saveFailed: 'The shop could not save your payment. Nothing was charged.',
    notLoaded: 'Token checkout could not be loaded. Please reload the page.',
    startFailed: 'The payment could not start. Please try again.',
    saveStartFailed: 'Saving your payment could not start. Please try again.',
    notSaved: 'Nothing was saved. You can subscribe at any time.',
  },
  de: {
    Expired:
      'Ihre Bestätigung ist abgelaufen, bevor wir sie nutzen konnten. Es wurde nichts abgebucht; bitte versuchen Sie es erneut.',
    Cancelled: 'Die Bestätigung wurde in Ihrer Wallet widerrufen. Es wurde nichts abgebucht.',
    Unchecked:
      'Die Antwort Ihrer Wallet konnte nicht geprüft werden. Es wurde nichts abgebucht; bitte versuchen Sie es erneut.',
    Forbidden:
      'Die Antwort Ihrer Wallet gehörte nicht zu diesem Bezahlvorgang. Es wurde nichts abgebucht; bitte versuchen Sie es erneut.',
    EmptyCart: 'Ihr Warenkorb ist leer.',
    payFailed: 'Der Shop konnte die Zahlung nicht annehmen. Es wurde nichts abgebucht.',
    saveFailed: 'Der Shop konnte Ihre Zahlung nicht speichern. Es wurde nichts abgebucht.',
    notLoaded: 'Die Zahlung mit Token konnte nicht geladen werden. Bitte laden Sie die Seite neu.',
    startFailed: 'Die Zahlung konnte nicht starten. Bitte versuchen Sie es erneut.',
    saveStartFailed: 'Das Speichern Ihrer Zahlung konnte nicht starten. Bitte versuchen Sie es erneut.',
    notSaved: 'Es wurde nichts gespeichert. Sie können jederzeit ein Abo abschließen.',
  },
  fr: {
    Expired:
      'Votre validation a expiré avant que nous puissions l’utiliser. Rien n’a été débité ; veuillez réessayer.',
    Cancelled: 'La validation a été annulée dans votre wallet. Rien n’a été débité.',
    Unchecked:
      'La réponse de votre wallet n’a pas pu être vérifiée. Rien n’a été débité ; veuillez réessayer.',
    Forbidden:
      'La réponse de votre wallet ne correspondait pas à ce paiement. Rien n’a été débité ; veuillez réessayer.',
    EmptyCart: 'Votre panier est vide.',
    payFailed: 'La boutique n’a pas pu encaisser le paiement. Rien n’a été débité.',
    saveFailed: 'La boutique n’a pas pu enregistrer votre paiement. Rien n’a été débité.',
    notLoaded: 'Le paiement avec Token n’a pas pu être chargé. Veuillez recharger la page.',
    startFailed: 'Le paiement n’a pas pu démarrer. Veuillez réessayer.',
    saveStartFailed: 'L’enregistrement de votre paiement n’a pas pu démarrer. Veuillez réessayer.',
    notSaved: 'Rien n’a été enregistré. Vous pouvez vous abonner à tout moment.',
  },
  es: {
    Expired:
      'Tu aprobación caducó antes de que pudiéramos usarla. No se ha cobrado nada; inténtalo de nuevo.',
    Cancelled: 'La aprobación se canceló en tu wallet. No se ha cobrado nada.',
    Unchecked: 'No se pudo comprobar la respuesta de tu wallet. No se ha cobrado nada; inténtalo de nuevo.',
    Forbidden: 'La respuesta de tu wallet no era para este pago. No se ha cobrado nada; inténtalo de nuevo.',
    EmptyCart: 'Tu carrito está vacío.',
    payFailed: 'La tienda no pudo cobrar el pago. No se ha cobrado nada.',
    saveFailed: 'La tienda no pudo guardar tu pago. No se ha cobrado nada.',
    notLoaded: 'No se pudo cargar el pago con Token. Vuelve a cargar la página.',
    startFailed: 'No se pudo iniciar el pago. Inténtalo de nuevo.',
    saveStartFailed: 'No se pudo empezar a guardar tu pago. Inténtalo de nuevo.',
    notSaved: 'No se ha guardado nada. Puedes suscribirte cuando quieras.',
  },
  it: {
    Expired:
      'La tua approvazione è scaduta prima che potessimo usarla. Non è stato addebitato nulla; riprova.',
    Cancelled: 'L’approvazione è stata annullata nel tuo wallet. Non è stato addebitato nulla.',
    Unchecked:
      'Non è stato possibile verificare la risposta del tuo wallet. Non è stato addebitato nulla; riprova.',
    Forbidden:
      'La risposta del tuo wallet non era per questo pagamento. Non è stato addebitato nulla; riprova.',
    EmptyCart: 'Il tuo carrello è vuoto.',
    payFailed: 'Il negozio non ha potuto ricevere il pagamento. Non è stato addebitato nulla.',
    saveFailed: 'Il negozio non ha potuto salvare il tuo pagamento. Non è stato addebitato nulla.',
    notLoaded: 'Non è stato possibile caricare il pagamento con Token. Ricarica la pagina.',
    startFailed: 'Non è stato possibile avviare il pagamento. Riprova.',
    saveStartFailed: 'Non è stato possibile avviare il salvataggio del pagamento. Riprova.',
    notSaved: 'Non è stato salvato nulla. Puoi abbonarti in qualsiasi momento.',
  },
  nl: {
    Expired:
      'Je goedkeuring is verlopen voordat we die konden gebruiken. Er is niets afgeschreven; probeer het opnieuw.',
    Cancelled: 'De goedkeuring is in je wallet ingetrokken. Er is niets afgeschreven.',
    Unchecked:
      'Het antwoord van je wallet kon niet worden gecontroleerd. Er is niets afgeschreven; probeer het opnieuw.',
    Forbidden:
      'Het antwoord van je wallet hoorde niet bij deze betaling. Er is niets afgeschreven; probeer het opnieuw.',
    EmptyCart: 'Je winkelwagen is leeg.',
    payFailed: 'De winkel kon de betaling niet ontvangen. Er is niets afgeschreven.',
    saveFailed: 'De winkel kon je betaling niet bewaren. Er is niets afgeschreven.',
    notLoaded: 'Betalen met Token kon niet worden geladen. Laad de pagina opnieuw.',
    startFailed: 'De betaling kon niet starten. Probeer het opnieuw.',
    saveStartFailed: 'Het bewaren van je betaling kon niet starten. Probeer het opnieuw.',
    notSaved: 'Er is niets bewaard. Je kunt op elk moment een abonnement nemen.',
  },
  pl: {
    Expired:
      'Twoje zatwierdzenie wygasło, zanim mogliśmy go użyć. Nic nie zostało pobrane; spróbuj ponownie.',
    Cancelled: 'Zatwierdzenie zostało anulowane w Twoim portfelu. Nic nie zostało pobrane.',
    Unchecked:
      'Nie udało się sprawdzić odpowiedzi Twojego portfela. Nic nie zostało pobrane; spróbuj ponownie.',
    Forbidden:
      'Odpowiedź Twojego portfela nie dotyczyła tej płatności. Nic nie zostało pobrane; spróbuj ponownie.',
    EmptyCart: 'Twój koszyk jest pusty.',
    payFailed: 'Sklep nie mógł przyjąć płatności. Nic nie zostało pobrane.',
    saveFailed: 'Sklep nie mógł zapisać Twojej płatności. Nic nie zostało pobrane.',
    notLoaded: 'Nie udało się wczytać płatności Token. Odśwież stronę.',
    startFailed: 'Nie udało się rozpocząć płatności. Spróbuj ponownie.',
    saveStartFailed: 'Nie udało się rozpocząć zapisywania płatności. Spróbuj ponownie.',
    notSaved: 'Nic nie zostało zapisane. Możesz zasubskrybować w każdej chwili.',
  },
});
