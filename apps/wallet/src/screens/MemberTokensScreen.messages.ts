import { defineCatalog } from '@tokenos/i18n';

/** The subscriptions and saved permissions screen. */
export const memberTokensScreenMessages = defineCatalog({
  en: {
    title: 'Subscriptions and saved permissions',
    lede: 'Shops you let charge you later (a subscription, a saved way to pay), each within limits you chose. Revoke any of them at any time.',
    newButton: 'Let a shop charge you later',
    createdActive:
      'Saved. The shop can now charge you within your limits. Show it the code below, or copy it.',
    createdPending: 'Saved. Your bank has not confirmed it yet.',
    loading: 'Reading your subscriptions and saved permissions…',
    emptyTitle: 'No merchant can charge you',
    emptyBody:
      'Let a shop charge you later here, or choose “Save for later” or “Subscribe” in a shop that offers it.',
    listLabel: 'Your subscriptions and saved permissions',
    revoked: 'Revoked. {name} can no longer charge you.',
    ended: 'Revoked and ended ({count})',
  },
  de: {
    title: 'Abos und gespeicherte Erlaubnisse',
    lede: 'Shops, denen Sie spätere Abbuchungen erlaubt haben (ein Abo, eine gespeicherte Zahlungsart), jeweils innerhalb der von Ihnen gewählten Limits. Sie können jede Erlaubnis jederzeit widerrufen.',
    newButton: 'Einem Shop spätere Abbuchungen erlauben',
    createdActive:
      'Gespeichert. Der Shop kann jetzt innerhalb Ihrer Limits abbuchen. Zeigen Sie ihm den Code unten oder kopieren Sie ihn.',
    createdPending: 'Gespeichert. Ihre Bank hat es noch nicht bestätigt.',
    loading: 'Ihre Abos und gespeicherten Erlaubnisse werden gelesen…',
    emptyTitle: 'Kein Händler kann bei Ihnen abbuchen',
    emptyBody:
      'Erlauben Sie hier einem Shop spätere Abbuchungen, oder wählen Sie „Für später speichern“ oder „Abonnieren“ in einem Shop, der das anbietet.',
    listLabel: 'Ihre Abos und gespeicherten Erlaubnisse',
    revoked: 'Widerrufen. {name} kann nicht mehr bei Ihnen abbuchen.',
    ended: 'Widerrufen und beendet ({count})',
  },
  fr: {
    title: 'Abonnements et autorisations enregistrées',
    lede: 'Les sites que vous autorisez à vous prélever plus tard (un abonnement, un moyen de paiement enregistré), chacun dans les limites que vous avez choisies. Révoquez-les à tout moment.',
    newButton: 'Autoriser un site à vous prélever plus tard',
    createdActive:
      'Enregistré. Le site peut maintenant vous prélever dans vos limites. Montrez-lui le code ci-dessous, ou copiez-le.',
    createdPending: 'Enregistré. Votre banque ne l’a pas encore confirmé.',
    loading: 'Lecture de vos abonnements et autorisations…',
    emptyTitle: 'Aucun marchand ne peut vous prélever',
    emptyBody:
      'Autorisez ici un site à vous prélever plus tard, ou choisissez « Enregistrer pour plus tard » ou « S’abonner » sur un site qui le propose.',
    listLabel: 'Vos abonnements et autorisations enregistrées',
    revoked: 'Révoqué. {name} ne peut plus vous prélever.',
    ended: 'Révoqués et terminés ({count})',
  },
  es: {
    title: 'Suscripciones y permisos guardados',
    lede: 'Tiendas a las que permites cobrarte más tarde (una suscripción, una forma de pago guardada), cada una dentro de los límites que elegiste. Revoca cualquiera cuando quieras.',
    newButton: 'Permite que una tienda te cobre más tarde',
    createdActive:
      'Guardado. La tienda ya puede cobrarte dentro de tus límites. Enséñale el código de abajo o cópialo.',
    createdPending: 'Guardado. Tu banco aún no lo ha confirmado.',
    loading: 'Leyendo tus suscripciones y permisos guardados…',
    emptyTitle: 'Ningún comercio puede cobrarte',
    emptyBody:
      'Permite aquí que una tienda te cobre más tarde, o elige «Guardar para más tarde» o «Suscribirse» en una tienda que lo ofrezca.',
    listLabel: 'Tus suscripciones y permisos guardados',
    revoked: 'Revocado. {name} ya no puede cobrarte.',
    ended: 'Revocados y terminados ({count})',
  },
  it: {
    title: 'Abbonamenti e autorizzazioni salvate',
    lede: 'Negozi a cui hai consentito di addebitarti in seguito (un abbonamento, un metodo di pagamento salvato), ognuno entro i limiti che hai scelto. Revocali in qualsiasi momento.',
    newButton: 'Consenti a un negozio di addebitarti in seguito',
    createdActive:
      'Salvato. Il negozio ora può addebitarti entro i tuoi limiti. Mostragli il codice qui sotto o copialo.',
    createdPending: 'Salvato. La tua banca non l’ha ancora confermato.',
    loading: 'Lettura dei tuoi abbonamenti e delle autorizzazioni…',
    emptyTitle: 'Nessun commerciante può addebitarti',
    emptyBody:
      'Consenti qui a un negozio di addebitarti in seguito, oppure scegli «Salva per dopo» o «Abbonati» in un negozio che lo offre.',
    listLabel: 'I tuoi abbonamenti e autorizzazioni salvate',
    revoked: 'Revocato. {name} non può più addebitarti.',
    ended: 'Revocati e terminati ({count})',
  },
  nl: {
    title: 'Abonnementen en opgeslagen toestemmingen',
    lede: 'Winkels die je later laat afschrijven (een abonnement, een opgeslagen betaalmethode), elk binnen de limieten die je koos. Trek ze altijd in wanneer je wilt.',
    newButton: 'Een winkel later laten afschrijven',
    createdActive:
      'Opgeslagen. De winkel kan nu binnen je limieten afschrijven. Laat hem de code hieronder zien, of kopieer die.',
    createdPending: 'Opgeslagen. Je bank heeft het nog niet bevestigd.',
    loading: 'Je abonnementen en toestemmingen lezen…',
    emptyTitle: 'Geen verkoper kan bij je afschrijven',
    emptyBody:
      'Laat hier een winkel later afschrijven, of kies ‘Bewaren voor later’ of ‘Abonneren’ in een winkel die dat aanbiedt.',
    listLabel: 'Je abonnementen en opgeslagen toestemmingen',
    revoked: 'Ingetrokken. {name} kan niet meer bij je afschrijven.',
    ended: 'Ingetrokken en beëindigd ({count})',
  },
  pl: {
    title: 'Subskrypcje i zapisane zgody',
    lede: 'Sklepy, którym pozwalasz obciążać Cię później (subskrypcja, zapisany sposób płatności), każdy w wybranych przez Ciebie limitach. Możesz odwołać każdą zgodę w dowolnej chwili.',
    newButton: 'Pozwól sklepowi obciążyć Cię później',
    createdActive:
      'Zapisano. Sklep może teraz obciążać Cię w Twoich limitach. Pokaż mu kod poniżej albo go skopiuj.',
    createdPending: 'Zapisano. Twój bank jeszcze tego nie potwierdził.',
    loading: 'Wczytywanie Twoich subskrypcji i zgód…',
    emptyTitle: 'Żaden sprzedawca nie może Cię obciążyć',
    emptyBody:
      'Pozwól tutaj sklepowi obciążyć Cię później albo wybierz „Zapisz na później” lub „Subskrybuj” w sklepie, który to oferuje.',
    listLabel: 'Twoje subskrypcje i zapisane zgody',
    revoked: 'Odwołano. {name} nie może już Cię obciążać.',
    ended: 'Odwołane i zakończone ({count})',
  },
});
