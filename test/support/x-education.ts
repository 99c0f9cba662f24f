/**
 * A seeded stand-in for the public "X Education" lead export (9,240 leads of an online-course
 * company, 38.5% converted): the same columns, the same kinds of values and the same mess —
 * "Select" where a form field was left alone, empty cells, rare spellings ("google" beside
 * "Google"), numbers with decimals, a unique prospect id — with conversion drawn from a known
 * logistic model of the behaviour and profile columns, so the best possible ranking of any subset
 * is the ranking by `trueLogit`. Sales' own judgement is planted as in the original: "Tags"
 * records the outcome (a leak any screen must flag), "Lead Quality" leans on it, and "Last
 * Notable Activity" repeats "Last Activity" with sales' "Modified" over much of it.
 *
 * Effects are modelled on what is reported for the real data: the origin "Lead Add Form" and the
 * source "Welingak Website"/"Reference" convert most, working professionals far more than the
 * unemployed, an unknown occupation far less, time on the website strongly and monotonically, an
 * "SMS Sent" last activity more than an "Olark Chat Conversation".
 */
import { mulberry32 } from './random.js';

export const HEADER = [
  'Prospect ID', 'Lead Number', 'Lead Origin', 'Lead Source', 'Do Not Email', 'Do Not Call', 'Converted', 'TotalVisits',
  'Total Time Spent on Website', 'Page Views Per Visit', 'Last Activity', 'Country', 'Specialization',
  'How did you hear about X Education', 'What is your current occupation', 'What matters most to you in choosing a course',
  'Search', 'Newspaper Article', 'X Education Forums', 'Digital Advertisement', 'Through Recommendations', 'Tags', 'Lead Quality',
  'Lead Profile', 'City', 'Asymmetrique Activity Index', 'Asymmetrique Profile Index', 'Asymmetrique Activity Score',
  'Asymmetrique Profile Score', 'A free copy of Mastering The Interview', 'Last Notable Activity', 'Created',
] as const;

/** Columns in which sales recorded its own judgement of the lead (excluded in the target check). */
export const SALES_JUDGEMENT = ['Tags', 'Lead Quality', 'Last Notable Activity'];

type Rand = () => number;
type Table = readonly (readonly [string, number, number])[]; // value, weight, effect

const pick = (rand: Rand, table: Table): [string, number] => {
  let u = rand() * table.reduce((a, t) => a + t[1], 0);
  for (const t of table) { u -= t[1]; if (u < 0) return [t[0], t[2]]; }
  const last = table[table.length - 1];
  return [last[0], last[2]];
};
const gauss = (rand: Rand) => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

const ORIGIN: Table = [['Landing Page Submission', 53, -0.25], ['API', 39, 0], ['Lead Add Form', 7.8, 2.6], ['Lead Import', 0.6, -0.5], ['Quick Add Form', 0.05, 1]];
const SOURCE_BY_ORIGIN: Record<string, Table> = {
  'Landing Page Submission': [['Google', 45, 0.25], ['Direct Traffic', 42, 0], ['Organic Search', 11, 0.15], ['Referral Sites', 1.6, -0.3], ['google', 0.1, 0.25], ['bing', 0.1, -0.5], ['Pay per Click Ads', 0.02, 0], ['welearnblog_Home', 0.02, 0]],
  API: [['Olark Chat', 48, -0.55], ['Google', 22, 0.25], ['Organic Search', 15, 0.15], ['Direct Traffic', 11, 0], ['Referral Sites', 1.5, -0.3], ['Facebook', 1.5, -0.5], ['Live Chat', 0.05, 1], ['Social Media', 0.05, 0], ['Click2call', 0.05, 0.5], ['Press_Release', 0.03, 0], ['testone', 0.02, 0], ['NC_EDM', 0.02, 0]],
  'Lead Add Form': [['Reference', 74, 0.9], ['Welingak Website', 20, 2.4], ['Direct Traffic', 3, 0], ['Google', 3, 0.25]],
  'Lead Import': [['Facebook', 90, -0.5], ['Google', 10, 0.25]],
  'Quick Add Form': [['Direct Traffic', 1, 0]],
};
const LAST_ACTIVITY: Table = [
  ['Email Opened', 37, 0.35], ['SMS Sent', 30, 1.35], ['Olark Chat Conversation', 10.5, -1.2], ['Page Visited on Website', 7, -0.2],
  ['Converted to Lead', 4.6, -1.0], ['Email Bounced', 3.5, -1.3], ['Email Link Clicked', 2.9, -0.3], ['Form Submitted on Website', 1.3, -0.2],
  ['Unreachable', 1, -0.4], ['Unsubscribed', 0.7, -0.5], ['Had a Phone Conversation', 0.3, 2.0], ['', 1.1, 0], ['Approached upfront', 0.1, 2], ['View in browser link Clicked', 0.1, -1],
];
const OCCUPATION: Table = [['Unemployed', 60.6, 0], ['', 29.1, -1.25], ['Working Professional', 7.6, 2.4], ['Student', 2.3, -0.2], ['Other', 0.17, 0.6], ['Housewife', 0.11, 2], ['Businessman', 0.09, 0.8]];
const SPECIALIZATION: Table = [
  ['Select', 21, -0.45], ['', 15.6, -0.35], ['Finance Management', 10.6, 0.1], ['Human Resource Management', 9.2, 0.05], ['Marketing Management', 9.1, 0.2],
  ['Operations Management', 5.4, 0.1], ['Business Administration', 4.4, 0.05], ['IT Projects Management', 4, 0], ['Supply Chain Management', 3.8, 0],
  ['Banking, Investment And Insurance', 3.7, 0.2], ['Travel and Tourism', 2.2, -0.1], ['Media and Advertising', 2.2, 0], ['International Business', 1.9, -0.05],
  ['Healthcare Management', 1.7, 0.15], ['Hospitality Management', 1.2, 0], ['E-COMMERCE', 1.2, 0], ['Retail Management', 1.1, -0.1], ['Rural and Agribusiness', 0.8, 0.1],
  ['E-Business', 0.6, 0], ['Services Excellence', 0.4, -0.2],
];
const CITY: Table = [['Mumbai', 35, 0], ['Select', 24, -0.1], ['', 15.4, 0], ['Thane & Outskirts', 8.1, 0.05], ['Other Cities', 7.4, -0.05], ['Other Cities of Maharashtra', 4.9, 0.05], ['Other Metro Cities', 4.1, 0], ['Tier II Cities', 0.8, -0.2]];
const COUNTRY: Table = [['India', 70.3, 0], ['', 26.6, 0], ['United States', 0.75, 0], ['United Arab Emirates', 0.57, 0], ['Singapore', 0.26, 0], ['Saudi Arabia', 0.23, 0], ['United Kingdom', 0.16, 0], ['Australia', 0.14, 0], ['Qatar', 0.11, 0], ['Bahrain', 0.08, 0], ['Hong Kong', 0.08, 0], ['Oman', 0.06, 0], ['France', 0.06, 0], ['unknown', 0.05, 0], ['Nigeria', 0.04, 0], ['Germany', 0.04, 0], ['Canada', 0.04, 0]];
const HEAR: Table = [['Select', 54.6, 0], ['', 23.9, 0], ['Online Search', 8.7, 0], ['Word Of Mouth', 3.8, 0], ['Student of SomeSchool', 3.4, 0], ['Other', 2, 0], ['Multiple Sources', 1.6, 0], ['Advertisements', 0.8, 0], ['Social Media', 0.7, 0], ['Email', 0.3, 0], ['SMS', 0.25, 0]];
const PROFILE: Table = [['Select', 44.9, 0], ['', 29.3, 0], ['Potential Lead', 17.5, 0.9], ['Other Leads', 5.3, 0], ['Student of SomeSchool', 2.6, -1.6], ['Lateral Student', 0.26, 1], ['Dual Specialization Student', 0.22, 1]];
const ACTIVITY_INDEX: Table = [['', 45.6, 0], ['02.Medium', 41.5, 0], ['01.High', 8.7, 0.35], ['03.Low', 4.2, -0.6]];
const PROFILE_INDEX: Table = [['', 45.6, 0], ['02.Medium', 30.3, 0], ['01.High', 23.4, 0.15], ['03.Low', 0.7, 0]];
const YES_NO = (yes: number, effect: number): Table => [['No', 100 - yes, 0], ['Yes', yes, effect]];

/** Tags as sales writes them: after the outcome is known. */
const TAGS_CONVERTED: Table = [['Will revert after reading the email', 72, 0], ['Closed by Horizzon', 13, 0], ['Lost to EINS', 5, 0], ['Busy', 1.2, 0], ['', 6.5, 0], ['Interested in other courses', 0.3, 0], ['Ringing', 0.6, 0]];
const TAGS_OPEN: Table = [['', 45, 0], ['Ringing', 20, 0], ['Interested in other courses', 9, 0], ['Already a student', 8, 0], ['switched off', 4, 0], ['Busy', 2.5, 0],
  ['Not doing further education', 2.5, 0], ['Interested  in full time MBA', 2, 0], ['Graduation in progress', 1.2, 0], ['invalid number', 1.4, 0], ['Diploma holder (Not Eligible)', 1, 0],
  ['wrong number given', 0.8, 0], ['opp hangup', 0.5, 0], ['number not provided', 0.4, 0], ['Will revert after reading the email', 2.4, 0]];

export interface XEducation {
  header: readonly string[];
  rows: string[][];
  outcomes: Uint8Array;
  trueLogit: Float64Array;
  /** per lead, its created day (YYYY-MM-DD in the Created column) */
  created: string[];
}

const INTERCEPT = -2.7;
/** how strongly the columns drive conversion (the true model's AUC is about 0.91) */
const STRENGTH = 1.6;

export function generateXEducation(n: number, seed: number): XEducation {
  const rand = mulberry32(seed);
  const rows: string[][] = [];
  const outcomes = new Uint8Array(n);
  const trueLogit = new Float64Array(n);
  const created: string[] = [];
  const hex = () => Math.floor(rand() * 0x10000).toString(16).padStart(4, '0');
  for (let i = 0; i < n; i++) {
    const [origin, eOrigin] = pick(rand, ORIGIN);
    const [source, eSource] = pick(rand, SOURCE_BY_ORIGIN[origin]);
    const [doNotEmail, eEmail] = pick(rand, YES_NO(7.9, -1.0));
    const [doNotCall] = pick(rand, YES_NO(0.02, 0));
    // forms filled in by others carry no web visits; the rest visit a geometric number of times
    const web = origin === 'Landing Page Submission' || origin === 'API';
    const visits = web && rand() < 0.85 ? Math.min(250, Math.floor(-Math.log(1 - rand()) * 3.6) + 1) : 0;
    const seconds = visits === 0 ? 0 : Math.min(2272, Math.round(Math.exp(5.6 + 0.9 * gauss(rand) + 0.12 * Math.min(visits, 8))));
    const pageViews = visits === 0 ? 0 : Math.round(Math.max(1, Math.min(visits, 1 + Math.abs(gauss(rand)) * 2.2)) * 100) / 100;
    const visitsMissing = rand() < 0.015;
    const [lastActivity, eActivity] = pick(rand, LAST_ACTIVITY);
    const [occupation, eOccupation] = pick(rand, OCCUPATION);
    const [specialization, eSpecialization] = pick(rand, SPECIALIZATION);
    const [city, eCity] = pick(rand, CITY);
    const [country] = pick(rand, COUNTRY);
    const [hear] = pick(rand, HEAR);
    const [profile, eProfile] = pick(rand, PROFILE);
    const [activityIndex, eIndex] = pick(rand, ACTIVITY_INDEX);
    const [profileIndex, eProfileIndex] = pick(rand, PROFILE_INDEX);
    const activityScore = activityIndex === '' ? '' : String(activityIndex === '01.High' ? 16 + Math.floor(rand() * 3) : activityIndex === '03.Low' ? 7 + Math.floor(rand() * 5) : 12 + Math.floor(rand() * 4));
    const profileScore = profileIndex === '' ? '' : String(profileIndex === '01.High' ? 17 + Math.floor(rand() * 4) : 11 + Math.floor(rand() * 6));
    const [freeCopy, eFree] = pick(rand, YES_NO(31, -0.1));
    const eTime = 2.5 * (1 - Math.exp(-seconds / 700));
    const eVisits = 0.06 * Math.min(visits, 12);
    const ePages = -0.09 * pageViews;
    const eta = INTERCEPT + STRENGTH * (eOrigin + eSource + eEmail + eTime + eVisits + ePages + eActivity + eOccupation + eSpecialization + eCity + eProfile + eIndex + eProfileIndex + eFree);
    trueLogit[i] = eta;
    const y = rand() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    outcomes[i] = y;
    // sales' judgement, written after the fact
    const [tags] = pick(rand, y ? TAGS_CONVERTED : TAGS_OPEN);
    const quality = y ? pick(rand, [['High in Relevance', 22, 0], ['Might be', 25, 0], ['Not Sure', 12, 0], ['', 38, 0], ['Low in Relevance', 3, 0]])[0]
      : pick(rand, [['', 55, 0], ['Might be', 15, 0], ['Not Sure', 12, 0], ['Worst', 10, 0], ['Low in Relevance', 6, 0], ['High in Relevance', 2, 0]])[0];
    const notable = rand() < 0.37 ? 'Modified' : lastActivity === '' ? 'Modified' : lastActivity;
    const day = 19000 + Math.floor((i / n) * 500 + rand() * 20);
    const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    created.push(date);
    rows.push([
      `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-${hex()}-${hex()}${hex()}${hex()}`, String(660737 - i * 8 - Math.floor(rand() * 8)), origin, source, doNotEmail, doNotCall, String(y),
      visitsMissing ? '' : String(visits), String(seconds), visitsMissing ? '' : String(pageViews), lastActivity, country, specialization, hear, occupation,
      occupation === '' ? '' : 'Better Career Prospects', rand() < 0.0015 ? 'Yes' : 'No', 'No', 'No', rand() < 0.0004 ? 'Yes' : 'No', rand() < 0.0007 ? 'Yes' : 'No',
      tags, quality, profile, city, activityIndex, profileIndex, activityScore, profileScore, freeCopy, notable, date,
    ]);
  }
  return { header: HEADER, rows, outcomes, trueLogit, created };
}

/** RFC 4180 CSV of the leads (LF line ends), as a CRM would export them. */
export function toCsv(data: Pick<XEducation, 'header' | 'rows'>, rows?: readonly number[]): string {
  const q = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const pickRows = rows ?? data.rows.map((_, i) => i);
  return [data.header.map(q).join(','), ...pickRows.map((i) => data.rows[i].map(q).join(','))].join('\n') + '\n';
}
