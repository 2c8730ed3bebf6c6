import { defineCatalog } from '@tokenos/i18n';

/** A payment's terms and where it stands (activity/payment-terms.ts). */
export const paymentTermsMessages = defineCatalog({
  en: {
    perPeriodAmount:
      'up to {amount} {period, select, DAY {a day} WEEK {a week} MONTH {a month} other {a year}}',
    perPeriodCount:
      'at most {count, plural, one {# charge} other {# charges}} {period, select, DAY {a day} WEEK {a week} MONTH {a month} other {a year}}',
    total: 'up to {amount} in total',
    each: 'up to {amount} a charge',
    maxCharges: 'at most {count, plural, one {# charge} other {# charges}}',
    noLimit: 'No limit',
    received: 'Waiting for your bank',
    active: 'Active',
    approved: 'Approved',
    rejected: 'Declined by your bank',
    revokedByPsu: 'Cancelled by you',
    terminatedByTpp: 'Cancelled by the payee',
    replaced: 'Replaced',
    expired: 'Expired',
  },
  de: {
    perPeriodAmount:
      'bis zu {amount} {period, select, DAY {pro Tag} WEEK {pro Woche} MONTH {pro Monat} other {pro Jahr}}',
    perPeriodCount:
      'höchstens {count, plural, one {# Abbuchung} other {# Abbuchungen}} {period, select, DAY {pro Tag} WEEK {pro Woche} MONTH {pro Monat} other {pro Jahr}}',
    total: 'bis zu {amount} insgesamt',
    each: 'bis zu {amount} pro Abbuchung',
    maxCharges: 'höchstens {count, plural, one {# Abbuchung} other {# Abbuchungen}}',
    noLimit: 'Kein Limit',
    received: 'Wartet auf Ihre Bank',
    active: 'Aktiv',
    approved: 'Genehmigt',
    rejected: 'Von Ihrer Bank abgelehnt',
    revokedByPsu: 'Von Ihnen storniert',
    terminatedByTpp: 'Vom Empfänger storniert',
    replaced: 'Ersetzt',
    expired: 'Abgelaufen',
  },
  fr: {
    perPeriodAmount:
      'jusqu’à {amount} {period, select, DAY {par jour} WEEK {par semaine} MONTH {par mois} other {par an}}',
    perPeriodCount:
      'au plus {count, plural, one {# prélèvement} other {# prélèvements}} {period, select, DAY {par jour} WEEK {par semaine} MONTH {par mois} other {par an}}',
    total: 'jusqu’à {amount} au total',
    each: 'jusqu’à {amount} par prélèvement',
    maxCharges: 'au plus {count, plural, one {# prélèvement} other {# prélèvements}}',
    noLimit: 'Sans limite',
    received: 'En attente de votre banque',
    active: 'Active',
    approved: 'Approuvé',
    rejected: 'Refusé par votre banque',
    revokedByPsu: 'Annulé par vous',
    terminatedByTpp: 'Annulé par le bénéficiaire',
    replaced: 'Remplacé',
    expired: 'Expiré',
  },
  es: {
    perPeriodAmount:
      'hasta {amount} {period, select, DAY {al día} WEEK {a la semana} MONTH {al mes} other {al año}}',
    perPeriodCount:
      'como máximo {count, plural, one {# cobro} other {# cobros}} {period, select, DAY {al día} WEEK {a la semana} MONTH {al mes} other {al año}}',
    total: 'hasta {amount} en total',
    each: 'hasta {amount} por cobro',
    maxCharges: 'como máximo {count, plural, one {# cobro} other {# cobros}}',
    noLimit: 'Sin límite',
    received: 'Esperando a tu banco',
    active: 'Activa',
    approved: 'Aprobado',
    rejected: 'Rechazado por tu banco',
    revokedByPsu: 'Cancelado por ti',
    terminatedByTpp: 'Cancelado por el beneficiario',
    replaced: 'Sustituido',
    expired: 'Caducado',
  },
  it: {
    perPeriodAmount:
      'fino a {amount} {period, select, DAY {al giorno} WEEK {a settimana} MONTH {al mese} other {all’anno}}',
    perPeriodCount:
      'al massimo {count, plural, one {# addebito} other {# addebiti}} {period, select, DAY {al giorno} WEEK {a settimana} MONTH {al mese} other {all’anno}}',
    total: 'fino a {amount} in totale',
    each: 'fino a {amount} per addebito',
    maxCharges: 'al massimo {count, plural, one {# addebito} other {# addebiti}}',
    noLimit: 'Nessun limite',
    received: 'In attesa della tua banca',
    active: 'Attiva',
    approved: 'Approvato',
    rejected: 'Rifiutato dalla tua banca',
    revokedByPsu: 'Annullato da te',
    terminatedByTpp: 'Annullato dal beneficiario',
    replaced: 'Sostituito',
    expired: 'Scaduto',
  },
  nl: {
    perPeriodAmount:
      'tot {amount} {period, select, DAY {per dag} WEEK {per week} MONTH {per maand} other {per jaar}}',
    perPeriodCount:
      'hoogstens {count, plural, one {# afschrijving} other {# afschrijvingen}} {period, select, DAY {per dag} WEEK {per week} MONTH {per maand} other {per jaar}}',
    total: 'tot {amount} in totaal',
    each: 'tot {amount} per afschrijving',
    maxCharges: 'hoogstens {count, plural, one {# afschrijving} other {# afschrijvingen}}',
    noLimit: 'Geen limiet',
    received: 'Wacht op je bank',
    active: 'Actief',
    approved: 'Goedgekeurd',
    rejected: 'Geweigerd door je bank',
    revokedByPsu: 'Geannuleerd door jou',
    terminatedByTpp: 'Geannuleerd door de ontvanger',
    replaced: 'Vervangen',
    expired: 'Verlopen',
  },
  pl: {
    perPeriodAmount:
      'do {amount} {period, select, DAY {dziennie} WEEK {tygodniowo} MONTH {miesięcznie} other {rocznie}}',
    perPeriodCount:
      'najwyżej {count, plural, one {# obciążenie} few {# obciążenia} many {# obciążeń} other {# obciążenia}} {period, select, DAY {dziennie} WEEK {tygodniowo} MONTH {miesięcznie} other {rocznie}}',
    total: 'do {amount} łącznie',
    each: 'do {amount} za jedno obciążenie',
    maxCharges:
      'najwyżej {count, plural, one {# obciążenie} few {# obciążenia} many {# obciążeń} other {# obciążenia}}',
    noLimit: 'Bez limitu',
    received: 'Czeka na Twój bank',
    active: 'Aktywne',
    approved: 'Zatwierdzone',
    rejected: 'Odrzucone przez Twój bank',
    revokedByPsu: 'Anulowane przez Ciebie',
    terminatedByTpp: 'Anulowane przez odbiorcę',
    replaced: 'Zastąpione',
    expired: 'Wygasło',
  },
});
