import { defineCatalog } from '@tokenos/i18n';

/** The lock screen, and the payment that waits behind it. */
export const lockMessages = defineCatalog({
  en: {
    title: 'Wallet locked',
    lede: 'Locked after {minutes, plural, one {# minute} other {# minutes}} without use. Unlock with your passkey to see your accounts and approve payments.',
    waiting: '<strong>{merchant}</strong> asks you to pay <money>{amount}</money>. Unlock to continue.',
    busy: 'Waiting for your passkey…',
    unlock: 'Unlock',
  },
  de: {
    title: 'Wallet gesperrt',
    lede: 'Nach {minutes, plural, one {# Minute} other {# Minuten}} ohne Nutzung gesperrt. Entsperren Sie mit Ihrem Passkey, um Ihre Konten zu sehen und Zahlungen zu bestätigen.',
    waiting:
      '<strong>{merchant}</strong> bittet Sie, <money>{amount}</money> zu zahlen. Entsperren Sie, um fortzufahren.',
    busy: 'Warten auf Ihren Passkey…',
    unlock: 'Entsperren',
  },
  fr: {
    title: 'Portefeuille verrouillé',
    lede: 'Verrouillé après {minutes, plural, one {# minute} other {# minutes}} sans utilisation. Déverrouillez avec votre clé d’accès pour voir vos comptes et approuver des paiements.',
    waiting:
      '<strong>{merchant}</strong> vous demande de payer <money>{amount}</money>. Déverrouillez pour continuer.',
    busy: 'En attente de votre clé d’accès…',
    unlock: 'Déverrouiller',
  },
  es: {
    title: 'Monedero bloqueado',
    lede: 'Bloqueado tras {minutes, plural, one {# minuto} other {# minutos}} sin uso. Desbloquéalo con tu llave de acceso para ver tus cuentas y aprobar pagos.',
    waiting:
      '<strong>{merchant}</strong> te pide que pagues <money>{amount}</money>. Desbloquea para continuar.',
    busy: 'Esperando tu llave de acceso…',
    unlock: 'Desbloquear',
  },
  it: {
    title: 'Portafoglio bloccato',
    lede: 'Bloccato dopo {minutes, plural, one {# minuto} other {# minuti}} di inattività. Sbloccalo con la tua passkey per vedere i tuoi conti e approvare i pagamenti.',
    waiting:
      '<strong>{merchant}</strong> ti chiede di pagare <money>{amount}</money>. Sblocca per continuare.',
    busy: 'In attesa della tua passkey…',
    unlock: 'Sblocca',
  },
  nl: {
    title: 'Wallet vergrendeld',
    lede: 'Vergrendeld na {minutes, plural, one {# minuut} other {# minuten}} zonder gebruik. Ontgrendel met je passkey om je rekeningen te zien en betalingen goed te keuren.',
    waiting:
      '<strong>{merchant}</strong> vraagt je <money>{amount}</money> te betalen. Ontgrendel om verder te gaan.',
    busy: 'Wachten op je passkey…',
    unlock: 'Ontgrendelen',
  },
  pl: {
    title: 'Portfel zablokowany',
    lede: 'Zablokowany po {minutes, plural, one {# minucie} few {# minutach} many {# minutach} other {# minuty}} bezczynności. Odblokuj kluczem dostępu, aby zobaczyć swoje konta i zatwierdzać płatności.',
    waiting:
      '<strong>{merchant}</strong> prosi Cię o zapłatę <money>{amount}</money>. Odblokuj, aby kontynuować.',
    busy: 'Czekam na Twój klucz dostępu…',
    unlock: 'Odblokuj',
  },
});
