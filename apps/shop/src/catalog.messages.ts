import { defineCatalog } from '@tokenos/i18n';

/** The products' descriptions, by product id (their names are brand-like and stay as they are). */
export const productMessages = defineCatalog({
  en: {
    espresso: 'Dark roast, 250 g. Chocolate and hazelnut.',
    filter: 'Light roast, 250 g. Jasmine and lemon.',
    cups: 'A set of two, 180 ml, made in Stoke.',
    grinder: 'Conical steel burrs, 40 settings.',
  },
  de: {
    espresso: 'Dunkle Röstung, 250 g. Schokolade und Haselnuss.',
    filter: 'Helle Röstung, 250 g. Jasmin und Zitrone.',
    cups: 'Zwei Stück, 180 ml, hergestellt in Stoke.',
    grinder: 'Konisches Stahlmahlwerk, 40 Stufen.',
  },
  fr: {
    espresso: 'Torréfaction foncée, 250 g. Chocolat et noisette.',
    filter: 'Torréfaction claire, 250 g. Jasmin et citron.',
    cups: 'Lot de deux, 180 ml, fabriquées à Stoke.',
    grinder: 'Meules coniques en acier, 40 réglages.',
  },
  es: {
    espresso: 'Tueste oscuro, 250 g. Chocolate y avellana.',
    filter: 'Tueste claro, 250 g. Jazmín y limón.',
    cups: 'Juego de dos, 180 ml, hechas en Stoke.',
    grinder: 'Muelas cónicas de acero, 40 ajustes.',
  },
  it: {
    espresso: 'Tostatura scura, 250 g. Cioccolato e nocciola.',
    filter: 'Tostatura chiara, 250 g. Gelsomino e limone.',
    cups: 'Set di due, 180 ml, fatte a Stoke.',
    grinder: 'Macine coniche in acciaio, 40 regolazioni.',
  },
  nl: {
    espresso: 'Donkere branding, 250 g. Chocolade en hazelnoot.',
    filter: 'Lichte branding, 250 g. Jasmijn en citroen.',
    cups: 'Set van twee, 180 ml, gemaakt in Stoke.',
    grinder: 'Conische stalen maalschijven, 40 standen.',
  },
  pl: {
    espresso: 'Ciemne palenie, 250 g. Czekolada i orzech laskowy.',
    filter: 'Jasne palenie, 250 g. Jaśmin i cytryna.',
    cups: 'Zestaw dwóch, 180 ml, wykonane w Stoke.',
    grinder: 'Stożkowe stalowe żarna, 40 ustawień.',
  },
});
