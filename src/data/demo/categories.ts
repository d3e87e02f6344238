// Word lists and shopping habits per demo category: titles, descriptions, price levels, popularity, complements.
export interface CategorySpec {
  name: string;
  /** Title = `${brand} ${noun}`; a few nouns carry commas and quotes so the CSV writer's quoting is exercised. */
  brands: readonly string[];
  nouns: readonly string[];
  /** Phrases that finish a one-sentence description. */
  features: readonly string[];
  /** Log-normal price: median in USD and log-scale spread. */
  medianPrice: number;
  priceSigma: number;
  /** Relative share of users' attention (a user's favourite category is drawn with these weights). */
  weight: number;
  /** Category a shopper often moves to next (cookware → groceries): a transition a sequence model can learn. */
  complement: string;
}

export const CATEGORIES: readonly CategorySpec[] = [
  {
    name: 'Electronics',
    brands: ['Aurora', 'Voltix', 'Nimbus', 'Quanta', 'Helio', 'Pulse', 'Orbit', 'Zenith'],
    nouns: [
      'Wireless Headphones',
      'Bluetooth Speaker',
      '27" 4K Monitor',
      'Smartwatch',
      'USB-C Charger',
      'Mechanical Keyboard',
      'Webcam',
      'Power Bank',
    ],
    features: ['with a sleek, minimal design', 'that sets up in seconds', 'built for crisp, clear sound', 'with a two-year warranty'],
    medianPrice: 79,
    priceSigma: 0.7,
    weight: 1.6,
    complement: 'Toys & Games',
  },
  {
    name: 'Books',
    brands: ['Midnight', 'Silent', 'Northern', 'Paper', 'Hidden', 'Winter', 'Golden', 'Last'],
    nouns: [
      'Atlas',
      'Garden, Revisited',
      'Cookbook: Salt, Fat & Fire',
      'Lighthouse',
      'Orchard',
      'Detective',
      'Harbor Stories',
      'Field Guide',
    ],
    features: ['that readers could not put down', 'in a new paperback edition', 'with illustrations throughout', 'for long evenings'],
    medianPrice: 16,
    priceSigma: 0.35,
    weight: 1.3,
    complement: 'Home & Kitchen',
  },
  {
    name: 'Home & Kitchen',
    brands: ['Copperleaf', 'Nordic', 'Hearth', 'Marlow', 'Birch & Co.', 'Oakline', 'Saltworks', 'Linden'],
    nouns: [
      '12" Cast-Iron Skillet',
      'Chef Knife',
      'French Press',
      'Dutch Oven',
      'Cutting Board',
      'Stand Mixer',
      'Tea Kettle',
      'Linen Towels',
    ],
    features: ['that lasts for decades', 'that is dishwasher safe', 'for everyday cooking', 'made from sustainable materials'],
    medianPrice: 38,
    priceSigma: 0.6,
    weight: 1.2,
    complement: 'Grocery',
  },
  {
    name: 'Grocery',
    brands: ['Farmstead', 'Golden Grove', 'Riverbend', 'Sunny Acres', 'Old Mill', 'Wildflower', 'Bayside', 'Hillcrest'],
    nouns: ['Olive Oil', 'Whole Bean Coffee', 'Raw Honey', 'Sea Salt', 'Green Tea', 'Dark Chocolate', 'Maple Syrup', 'Rolled Oats'],
    features: ['sourced from small farms', 'in a resealable pack', 'with no added sugar', 'roasted in small batches'],
    medianPrice: 9,
    priceSigma: 0.4,
    weight: 0.9,
    complement: 'Home & Kitchen',
  },
  {
    name: 'Sports & Outdoors',
    brands: ['Summit', 'Trailhead', 'Ridge', 'Basecamp', 'Swift', 'Alpine', 'Tidewater', 'Granite'],
    nouns: ['Hiking Backpack', 'Yoga Mat', 'Water Bottle', 'Camping Tent', 'Running Belt', 'Trekking Poles', 'Sleeping Bag', 'Headlamp'],
    features: ['tested on long trails', 'that packs down small', 'for all-weather use', 'that is lighter than it looks'],
    medianPrice: 45,
    priceSigma: 0.7,
    weight: 1.0,
    complement: 'Clothing',
  },
  {
    name: 'Clothing',
    brands: ['Harbor', 'Ashford', 'Drift', 'Kestrel', 'Meadow', 'Bramble', 'Coastline', 'Everly'],
    nouns: [
      'Wool Sweater',
      'Rain Jacket',
      'Denim Jeans',
      'Linen Shirt',
      'Running Shoes',
      'Merino Socks',
      'Fleece Hoodie',
      'Canvas Sneakers',
    ],
    features: ['in a relaxed fit', 'made from organic cotton', 'that keeps its shape wash after wash', 'for everyday wear'],
    medianPrice: 42,
    priceSigma: 0.5,
    weight: 1.4,
    complement: 'Beauty',
  },
  {
    name: 'Beauty',
    brands: ['Lumière', 'Petal', 'Dewdrop', 'Velvet', 'Bloom', 'Saffron', 'Pure Isle', 'Rosewater'],
    nouns: ['Face Serum', 'Hand Cream', 'Lip Balm', 'Shampoo', 'Sunscreen SPF 50', 'Clay Mask', 'Body Lotion', 'Eye Cream'],
    features: ['for sensitive skin', 'with a light, fresh scent', 'free of parabens', 'that absorbs quickly'],
    medianPrice: 18,
    priceSigma: 0.5,
    weight: 0.9,
    complement: 'Clothing',
  },
  {
    name: 'Toys & Games',
    brands: ['Puzzlewood', 'Tinker', 'Starlight', 'Kitebird', 'Marble', 'Jumpstart', 'Pocket', 'Whimsy'],
    nouns: [
      'Board Game',
      'Jigsaw Puzzle',
      'Building Blocks',
      'Card Game',
      'Remote-Control Car',
      'Plush Bear',
      'Science Kit',
      'Wooden Train Set',
    ],
    features: ['for ages 8 and up', 'that the whole family can play', 'with hundreds of pieces', 'for rainy afternoons'],
    medianPrice: 25,
    priceSigma: 0.55,
    weight: 0.8,
    complement: 'Electronics',
  },
  {
    name: 'Garden',
    brands: ['Greenthumb', 'Fernhill', 'Sprout', 'Terra', 'Bluebell', 'Evergreen', 'Thistle', 'Willow'],
    nouns: [
      'Pruning Shears',
      'Raised Bed Kit',
      'Watering Can',
      'Seed Starter Tray',
      'Garden Gloves',
      'Compost Bin',
      'Hose Reel',
      'Herb Planter',
    ],
    features: ['for small balconies and big plots', 'made to resist rust', 'that makes spring planting easy', 'with a lifetime guarantee'],
    medianPrice: 29,
    priceSigma: 0.6,
    weight: 0.6,
    complement: 'Pet Supplies',
  },
  {
    name: 'Pet Supplies',
    brands: ['Pawsome', 'Whisker', 'Barkley', 'Furrow', 'Tailwind', 'Snout', 'Happy Paws', 'Kibble & Co.'],
    nouns: ['Dog Bed', 'Cat Tree', 'Chew Toy', 'Leash', 'Grain-Free Kibble', 'Litter Box', 'Pet Brush', 'Travel Bowl'],
    features: ['that pets love', 'that is easy to clean', 'approved by vets', 'for dogs and cats alike'],
    medianPrice: 24,
    priceSigma: 0.6,
    weight: 0.7,
    complement: 'Garden',
  },
];

/** Adjectives that open a description; chosen at random per item. */
export const QUALITIES = [
  'compact',
  'dependable',
  'well-reviewed',
  'everyday',
  'premium',
  'lightweight',
  'classic',
  'thoughtfully designed',
] as const;
