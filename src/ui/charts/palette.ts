// Colour-blind-safe colours (Okabe–Ito) used by every chart, keyed by event type where it has meaning.
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

const EVENT_COLOURS: Record<string, string> = {
  exposure: '#56B4E9',
  view: '#0072B2',
  click: '#009E73',
  fav: '#CC79A7',
  cart: '#E69F00',
  purchase: '#D55E00',
  rating: '#0072B2',
};

export const eventColour = (type: string, i = 0): string => EVENT_COLOURS[type] ?? OKABE_ITO[i % OKABE_ITO.length];
