/**
 * A seeded generator of leads whose conversion follows known logistic weights, for testing the
 * statistics (and later `calibrate`) against the truth. Columns are what a CRM export holds:
 * behaviour (visits, time on site, email clicks, pages per visit), profile (industry, lead source,
 * country with a long tail of rare values, seniority), columns with no effect at all, a created
 * day, and two planted leaks that record the outcome rather than predict it (a rep's lead quality,
 * days to close — empty unless converted). `trueLogit` is each lead's log-odds under the true
 * model, so the best possible AUC on any subset is the AUC of `trueLogit` there.
 */
import { mulberry32 } from './random.js';

export interface NumericColumn { readonly name: string; readonly values: Float64Array }
export interface CategoricalColumn { readonly name: string; readonly codes: Uint32Array; readonly labels: readonly string[] }

export interface GeneratedLeads {
  readonly n: number;
  /** honest columns: behaviour and profile, some with no effect */
  readonly numeric: NumericColumn[];
  readonly categorical: CategoricalColumn[];
  /** planted leaks: filled in because of the outcome */
  readonly leaks: { readonly quality: CategoricalColumn; readonly daysToClose: NumericColumn };
  readonly days: Float64Array;
  readonly outcomes: Uint8Array;
  readonly trueLogit: Float64Array;
}

export const INDUSTRY = { labels: ['software', 'finance', 'health', 'retail', 'manufacturing', 'education', 'government', 'other'], effect: [0.8, 0.5, 0.3, -0.2, 0.1, -0.6, -0.9, 0] };
export const SOURCE = { labels: ['referral', 'organic', 'paid search', 'social', 'event', 'list import'], effect: [1.2, 0.4, 0.1, -0.3, 0.6, -1.4] };
export const SENIORITY = { labels: ['c-level', 'vp', 'manager', 'staff'], effect: [0.9, 0.6, 0.2, -0.4] };
/** log-odds: intercept plus each column's effect */
export const TRUE = {
  intercept: -4.6,
  visits: (v: number) => 1.1 * Math.log1p(v),
  minutes: (m: number) => (Number.isNaN(m) ? -0.5 : 1.2 * Math.log1p(Math.min(m, 120) / 10)),
  clicks: (c: number) => 0.35 * Math.min(c, 6),
  pages: (p: number) => 0.45 * p,
};

type Rand = () => number;
const gauss = (rand: Rand) => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const geometric = (rand: Rand, mean: number) => Math.floor(-Math.log(1 - rand()) * mean);
const pick = (rand: Rand, weights: readonly number[]) => {
  let u = rand() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) { u -= weights[i]; if (u < 0) return i; }
  return weights.length - 1;
};

export function generateLeads(n: number, seed: number): GeneratedLeads {
  const rand = mulberry32(seed);
  const col = () => new Float64Array(n);
  const codes = () => new Uint32Array(n);
  const visits = col(); const minutes = col(); const clicks = col(); const pages = col();
  const noise1 = col(); const noise2 = col(); const noise3 = col();
  const industry = codes(); const source = codes(); const country = codes(); const seniority = codes(); const browser = codes();
  const quality = codes(); const daysToClose = col();
  const days = col(); const outcomes = new Uint8Array(n); const trueLogit = col();
  // 40 countries with a long tail; the first five matter a little
  const countryWeights = Array.from({ length: 40 }, (_, c) => 1 / (c + 1) ** 1.3);
  const countryEffect = Array.from({ length: 40 }, (_, c) => [0.3, 0.2, -0.1, -0.3, 0.1][c] ?? 0);
  for (let i = 0; i < n; i++) {
    visits[i] = geometric(rand, 4);
    minutes[i] = rand() < 0.15 ? NaN : Math.round(Math.exp(2 + 1.2 * gauss(rand)));
    clicks[i] = Math.min(12, geometric(rand, 1.5));
    pages[i] = Math.round((1 + Math.abs(gauss(rand)) * 2) * 10) / 10;
    noise1[i] = Math.round(gauss(rand) * 100);
    noise2[i] = geometric(rand, 3);
    noise3[i] = rand() < 0.3 ? NaN : Math.round(rand() * 1000);
    industry[i] = pick(rand, [3, 2, 2, 2, 2, 1, 1, 2]);
    source[i] = pick(rand, [1, 3, 3, 2, 1, 2]);
    country[i] = pick(rand, countryWeights);
    seniority[i] = pick(rand, [1, 2, 4, 5]);
    browser[i] = pick(rand, [5, 3, 1, 1]);
    days[i] = 20000 + Math.floor(rand() * 365);
    const eta = TRUE.intercept + TRUE.visits(visits[i]) + TRUE.minutes(minutes[i]) + TRUE.clicks(clicks[i]) + TRUE.pages(pages[i])
      + INDUSTRY.effect[industry[i]] + SOURCE.effect[source[i]] + countryEffect[country[i]] + SENIORITY.effect[seniority[i]];
    trueLogit[i] = eta;
    outcomes[i] = rand() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    // leaks: a rep grades converted leads "A" nearly always; days to close exist only for converted leads
    quality[i] = outcomes[i] ? (rand() < 0.92 ? 0 : 1 + pick(rand, [1, 1])) : 1 + pick(rand, [3, 5]);
    daysToClose[i] = outcomes[i] ? 1 + geometric(rand, 30) : NaN;
  }
  const cat = (name: string, c: Uint32Array, labels: readonly string[]) => ({ name, codes: c, labels });
  return {
    n,
    numeric: [
      { name: 'visits', values: visits }, { name: 'minutes_on_site', values: minutes }, { name: 'email_clicks', values: clicks },
      { name: 'pages_per_visit', values: pages }, { name: 'noise_amount', values: noise1 }, { name: 'noise_count', values: noise2 },
      { name: 'noise_sparse', values: noise3 },
    ],
    categorical: [
      cat('industry', industry, INDUSTRY.labels), cat('lead_source', source, SOURCE.labels),
      cat('country', country, countryWeights.map((_, c) => `country-${c}`)), cat('seniority', seniority, SENIORITY.labels),
      cat('browser', browser, ['chrome', 'safari', 'firefox', 'edge']),
    ],
    leaks: { quality: cat('lead_quality', quality, ['A', 'B', 'C', 'D']), daysToClose: { name: 'days_to_close', values: daysToClose } },
    days,
    outcomes,
    trueLogit,
  };
}
