/**
 * CRM presets: `columns: { preset: hubspot }` maps leadq's standard column names to the headers
 * that CRM writes in its exports, so one ruleset reads every CRM's export. Each standard name
 * lists candidate headers, most likely first: the English label the export shows, then the API
 * (internal) name that Data Loader style and API exports use. The first candidate the export
 * has wins (exactly, else ignoring case and surrounding spaces, as for any column name).
 *
 * The tables are data: a new CRM is one entry here (and one row in docs/rules.md).
 */

/** The names a preset maps; rules use them like any name of `columns:`. */
export const STANDARD_NAMES = [
  'id', 'email', 'first_name', 'last_name', 'phone', 'mobile', 'company', 'job_title', 'lead_source',
  'created', 'last_activity', 'lifecycle_stage', 'lead_status', 'country', 'state', 'city', 'industry',
  'employees', 'annual_revenue', 'website',
] as const;
export type StandardName = (typeof STANDARD_NAMES)[number];

export interface Preset {
  /** what the preset is for, shown by `leadq inspect` and in messages */
  title: string;
  /** standard name → candidate headers, first present wins; a name the CRM lacks is left out */
  columns: Partial<Record<StandardName, readonly string[]>>;
  /** the export ends with a report footer (blank line, "Grand Totals", "Confidential Information …") */
  reportFooter?: boolean;
}

const SALESFORCE_API: Preset['columns'] = {
  id: ['Id'],
  email: ['Email'],
  first_name: ['FirstName'],
  last_name: ['LastName'],
  phone: ['Phone'],
  mobile: ['MobilePhone'],
  company: ['Company'],
  job_title: ['Title'],
  lead_source: ['LeadSource'],
  created: ['CreatedDate'],
  last_activity: ['LastActivityDate'],
  lead_status: ['Status'],
  country: ['Country', 'CountryCode'],
  state: ['State', 'StateCode'],
  city: ['City'],
  industry: ['Industry'],
  employees: ['NumberOfEmployees'],
  annual_revenue: ['AnnualRevenue'],
  website: ['Website'],
};

const SALESFORCE_LABELS: Preset['columns'] = {
  id: ['Lead ID', 'Contact ID'],
  email: ['Email'],
  first_name: ['First Name'],
  last_name: ['Last Name'],
  phone: ['Phone'],
  mobile: ['Mobile', 'Mobile Phone'],
  company: ['Company / Account', 'Company', 'Account Name'],
  job_title: ['Title'],
  lead_source: ['Lead Source'],
  created: ['Create Date', 'Created Date'],
  last_activity: ['Last Activity', 'Last Activity Date'],
  lead_status: ['Lead Status', 'Status'],
  country: ['Country', 'Country Code'],
  state: ['State/Province', 'State/Province Code'],
  city: ['City'],
  industry: ['Industry'],
  employees: ['No. of Employees', 'Employees'],
  annual_revenue: ['Annual Revenue'],
  website: ['Website'],
};

/** Both lists, one preferred: a Data Loader export uses API names, a report export labels. */
function merged(first: Preset['columns'], second: Preset['columns']): Preset['columns'] {
  const out: Preset['columns'] = {};
  for (const name of STANDARD_NAMES) {
    const all = [...(first[name] ?? []), ...(second[name] ?? [])];
    if (all.length > 0) out[name] = all.filter((h, i) => all.indexOf(h) === i);
  }
  return out;
}

export const PRESETS: Readonly<Record<string, Preset>> = {
  hubspot: {
    title: 'HubSpot contacts export',
    columns: {
      id: ['Record ID', 'Contact ID', 'hs_object_id'],
      email: ['Email', 'email'],
      first_name: ['First Name', 'firstname'],
      last_name: ['Last Name', 'lastname'],
      phone: ['Phone Number', 'phone'],
      mobile: ['Mobile Phone Number', 'mobilephone'],
      company: ['Company Name', 'company'],
      job_title: ['Job Title', 'jobtitle'],
      lead_source: ['Original Source', 'Original Traffic Source', 'hs_analytics_source'],
      created: ['Create Date', 'createdate'],
      last_activity: ['Last Activity Date', 'notes_last_updated'],
      lifecycle_stage: ['Lifecycle Stage', 'lifecyclestage'],
      lead_status: ['Lead Status', 'hs_lead_status'],
      country: ['Country/Region', 'country'],
      state: ['State/Region', 'state'],
      city: ['City', 'city'],
      industry: ['Industry', 'industry'],
      employees: ['Number of Employees', 'numemployees'],
      annual_revenue: ['Annual Revenue', 'annualrevenue'],
      website: ['Website URL', 'website'],
    },
  },
  salesforce: {
    title: 'Salesforce leads, Data Loader or API export (API names)',
    columns: merged(SALESFORCE_API, SALESFORCE_LABELS),
  },
  'salesforce-report': {
    title: 'Salesforce report export (column labels, report footer)',
    columns: merged(SALESFORCE_LABELS, SALESFORCE_API),
    reportFooter: true,
  },
  pipedrive: {
    title: 'Pipedrive people or leads export',
    columns: {
      id: ['Person - ID', 'ID', 'id'],
      email: ['Person - Email - Work', 'Person - Email', 'Email - Work', 'Email', 'email'],
      first_name: ['Person - First name', 'First name', 'first_name'],
      last_name: ['Person - Last name', 'Last name', 'last_name'],
      phone: ['Person - Phone - Work', 'Person - Phone', 'Phone - Work', 'Phone', 'phone'],
      mobile: ['Person - Phone - Mobile', 'Phone - Mobile'],
      company: ['Person - Organization', 'Organization - Name', 'Organization', 'org_name'],
      job_title: ['Person - Job title', 'Job title', 'job_title'],
      lead_source: ['Lead - Source', 'Person - Source', 'Source', 'source_name'],
      created: ['Person - Person created', 'Person created', 'Lead - Lead created', 'add_time'],
      last_activity: ['Person - Last activity date', 'Last activity date', 'last_activity_date'],
      lead_status: ['Person - Label', 'Lead - Labels', 'Label', 'label'],
      country: ['Organization - Address - Country', 'Person - Country', 'Country'],
      city: ['Organization - Address - City/town/village/locality', 'City'],
      industry: ['Organization - Industry', 'Industry'],
      employees: ['Organization - Number of employees', 'Number of employees'],
      annual_revenue: ['Organization - Annual revenue', 'Annual revenue'],
      website: ['Organization - Website', 'Website'],
    },
  },
  zoho: {
    title: 'Zoho CRM leads export',
    columns: {
      id: ['Record Id', 'Lead Id', 'id'],
      email: ['Email'],
      first_name: ['First Name', 'First_Name'],
      last_name: ['Last Name', 'Last_Name'],
      phone: ['Phone'],
      mobile: ['Mobile'],
      company: ['Company', 'Account Name', 'Account_Name'],
      job_title: ['Designation', 'Title'],
      lead_source: ['Lead Source', 'Lead_Source'],
      created: ['Created Time', 'Created_Time'],
      last_activity: ['Last Activity Time', 'Last_Activity_Time'],
      lead_status: ['Lead Status', 'Lead_Status'],
      country: ['Country'],
      state: ['State'],
      city: ['City'],
      industry: ['Industry'],
      employees: ['No. of Employees', 'No_of_Employees'],
      annual_revenue: ['Annual Revenue', 'Annual_Revenue'],
      website: ['Website'],
    },
  },
  mautic: {
    title: 'Mautic contacts export',
    columns: {
      id: ['ID', 'id'],
      email: ['Email', 'email'],
      first_name: ['First Name', 'firstname'],
      last_name: ['Last Name', 'lastname'],
      phone: ['Phone', 'phone'],
      mobile: ['Mobile', 'mobile'],
      company: ['Company', 'company'],
      job_title: ['Position', 'position'],
      lead_source: ['Source', 'utm_source'],
      created: ['Date Added', 'date_added', 'dateAdded'],
      last_activity: ['Last Active', 'last_active', 'lastActive'],
      lifecycle_stage: ['Stage', 'stage'],
      country: ['Country', 'country'],
      state: ['State', 'state'],
      city: ['City', 'city'],
      website: ['Website', 'website'],
    },
  },
};

export const PRESET_NAMES = Object.keys(PRESETS);

/** `header` position of each candidate: exact spelling first, then a unique match ignoring case and spaces. */
export class HeaderIndex {
  private readonly exact = new Map<string, number>();
  private readonly loose = new Map<string, number | 'ambiguous'>();

  constructor(header: readonly string[]) {
    header.forEach((h, i) => {
      if (!this.exact.has(h)) this.exact.set(h, i);
      const key = h.trim().toLowerCase();
      this.loose.set(key, this.loose.has(key) ? 'ambiguous' : i);
    });
  }

  /** The column index, -1 when absent, or 'ambiguous' when several headers match ignoring case. */
  find(name: string): number | 'ambiguous' {
    const exact = this.exact.get(name);
    if (exact !== undefined) return exact;
    return this.loose.get(name.trim().toLowerCase()) ?? -1;
  }
}

/** Standard name → column index, for the names whose candidates the header has. */
export function presetColumns(preset: Preset, header: HeaderIndex): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, candidates] of Object.entries(preset.columns)) {
    const at = firstPresent(candidates ?? [], header);
    if (at.index >= 0) out.set(name, at.index);
  }
  return out;
}

/** The first candidate the header has, and which candidate it was (0: the preferred one). */
function firstPresent(candidates: readonly string[], header: HeaderIndex): { index: number; rank: number } {
  for (const [rank, candidate] of candidates.entries()) {
    const at = header.find(candidate);
    if (typeof at === 'number' && at >= 0) return { index: at, rank };
  }
  return { index: -1, rank: -1 };
}

export interface PresetMatch {
  name: string;
  /** standard names the header has a column for */
  matched: number;
  /** of those, found by the preset's preferred (first) candidate */
  preferred: number;
  /** standard names the preset maps */
  of: number;
}

/**
 * Which preset fits a header best: the one that finds the most standard names, then the most by
 * their preferred header (what tells a Salesforce report from a Data Loader export, which share
 * their candidates); then the one listed first. Below 3 names nothing is a convincing match.
 * All presets come back, best first.
 */
export function rankPresets(header: readonly string[]): { best: PresetMatch | null; all: PresetMatch[] } {
  const index = new HeaderIndex(header);
  const all = PRESET_NAMES.map((name): PresetMatch => {
    const columns = Object.values(PRESETS[name].columns);
    const found = columns.map((candidates) => firstPresent(candidates ?? [], index)).filter((f) => f.index >= 0);
    return { name, matched: found.length, preferred: found.filter((f) => f.rank === 0).length, of: columns.length };
  });
  const ranked = [...all].sort((a, b) => b.matched - a.matched || b.preferred - a.preferred || PRESET_NAMES.indexOf(a.name) - PRESET_NAMES.indexOf(b.name));
  return { best: ranked[0].matched >= MIN_PRESET_MATCH ? ranked[0] : null, all: ranked };
}

const MIN_PRESET_MATCH = 3;
