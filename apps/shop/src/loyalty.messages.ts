import { defineCatalog } from '@tokenos/i18n';

/** The loyalty club's sign-up pages. */
export const loyaltyMessages = defineCatalog({
  en: {
    title: 'Coffee club',
    joinHeading: 'Join the coffee club',
    joinLede:
      'Give us your email and we open a membership for you with a loyalty id. Claim it in the Token wallet whenever you like: until then it can never move money.',
    email: 'Email',
    join: 'Join the club',
    welcome: 'Welcome to the coffee club',
    open: 'Your membership is open.',
    loyaltyId: 'Loyalty id',
    claimBy: 'Claim by',
    claimExplain:
      'Make it yours: claim the membership in the Token wallet with a code we send to {email}. Unclaimed memberships are deleted after the date above.',
    claim: 'Claim in the Token wallet',
  },
  de: {
    title: 'Kaffeeclub',
    joinHeading: 'Treten Sie dem Kaffeeclub bei',
    joinLede:
      'Geben Sie uns Ihre E-Mail-Adresse, und wir eröffnen Ihnen eine Mitgliedschaft mit Kundennummer. Übernehmen Sie sie in der Token Wallet, wann Sie möchten: Bis dahin kann sie nie Geld bewegen.',
    email: 'E-Mail',
    join: 'Beitreten',
    welcome: 'Willkommen im Kaffeeclub',
    open: 'Ihre Mitgliedschaft ist eröffnet.',
    loyaltyId: 'Kundennummer',
    claimBy: 'Übernehmen bis',
    claimExplain:
      'Machen Sie sie zu Ihrer: Übernehmen Sie die Mitgliedschaft in der Token Wallet mit einem Code, den wir an {email} senden. Nicht übernommene Mitgliedschaften werden nach dem obigen Datum gelöscht.',
    claim: 'In der Token Wallet übernehmen',
  },
  fr: {
    title: 'Club café',
    joinHeading: 'Rejoignez le club café',
    joinLede:
      'Donnez-nous votre e-mail et nous vous ouvrons une adhésion avec un identifiant de fidélité. Récupérez-la dans Token Wallet quand vous voulez : d’ici là, elle ne peut jamais déplacer d’argent.',
    email: 'E-mail',
    join: 'Rejoindre le club',
    welcome: 'Bienvenue au club café',
    open: 'Votre adhésion est ouverte.',
    loyaltyId: 'Identifiant de fidélité',
    claimBy: 'À récupérer avant le',
    claimExplain:
      'Faites-la vôtre : récupérez l’adhésion dans Token Wallet avec un code que nous envoyons à {email}. Les adhésions non récupérées sont supprimées après la date ci-dessus.',
    claim: 'Récupérer dans Token Wallet',
  },
  es: {
    title: 'Club del café',
    joinHeading: 'Únete al club del café',
    joinLede:
      'Danos tu correo y te abrimos una membresía con un número de socio. Reclámala en Token Wallet cuando quieras: hasta entonces nunca puede mover dinero.',
    email: 'Correo electrónico',
    join: 'Unirme al club',
    welcome: 'Te damos la bienvenida al club del café',
    open: 'Tu membresía está abierta.',
    loyaltyId: 'Número de socio',
    claimBy: 'Reclamar antes del',
    claimExplain:
      'Hazla tuya: reclama la membresía en Token Wallet con un código que enviamos a {email}. Las membresías no reclamadas se eliminan después de la fecha indicada.',
    claim: 'Reclamar en Token Wallet',
  },
  it: {
    title: 'Club del caffè',
    joinHeading: 'Entra nel club del caffè',
    joinLede:
      'Dacci la tua email e ti apriamo un’iscrizione con un codice fedeltà. Richiedila in Token Wallet quando vuoi: fino ad allora non può mai spostare denaro.',
    email: 'Email',
    join: 'Entra nel club',
    welcome: 'Benvenuto nel club del caffè',
    open: 'La tua iscrizione è aperta.',
    loyaltyId: 'Codice fedeltà',
    claimBy: 'Da richiedere entro',
    claimExplain:
      'Rendila tua: richiedi l’iscrizione in Token Wallet con un codice che inviamo a {email}. Le iscrizioni non richieste vengono eliminate dopo la data indicata sopra.',
    claim: 'Richiedi in Token Wallet',
  },
  nl: {
    title: 'Koffieclub',
    joinHeading: 'Word lid van de koffieclub',
    joinLede:
      'Geef ons je e-mailadres en we openen een lidmaatschap met een klantnummer voor je. Claim het in de Token Wallet wanneer je wilt: tot dan kan het nooit geld verplaatsen.',
    email: 'E-mailadres',
    join: 'Lid worden',
    welcome: 'Welkom bij de koffieclub',
    open: 'Je lidmaatschap is geopend.',
    loyaltyId: 'Klantnummer',
    claimBy: 'Claimen vóór',
    claimExplain:
      'Maak het van jou: claim het lidmaatschap in de Token Wallet met een code die we naar {email} sturen. Lidmaatschappen die niet geclaimd zijn, worden na de datum hierboven verwijderd.',
    claim: 'Claimen in de Token Wallet',
  },
  pl: {
    title: 'Klub kawowy',
    joinHeading: 'Dołącz do klubu kawowego',
    joinLede:
      'Podaj swój e-mail, a otworzymy dla Ciebie członkostwo z numerem klubowym. Przejmij je w Token Wallet, kiedy chcesz: do tego czasu nie może przenosić pieniędzy.',
    email: 'E-mail',
    join: 'Dołącz do klubu',
    welcome: 'Witaj w klubie kawowym',
    open: 'Twoje członkostwo jest otwarte.',
    loyaltyId: 'Numer klubowy',
    claimBy: 'Przejmij do',
    claimExplain:
      'Przejmij je: zrób to w Token Wallet kodem, który wyślemy na {email}. Nieprzejęte członkostwa usuwamy po powyższej dacie.',
    claim: 'Przejmij w Token Wallet',
  },
});
