/**
 * The company domain of a website cell, as an account key: HubSpot's "Website URL"
 * (`https://www.acme.com/about`), its companies' "Company Domain Name" (`acme.com`), Salesforce's
 * `Website` (`www.acme.com`, `acme.com/`, `http://acme.de`). The key must equal the domain of the
 * company's email addresses (model/accounts.ts `accountDomain`), so colleagues known by an email
 * and by a website are one account.
 */

/** `http://`, `https://`, `ftp://`: any scheme followed by `//` (RFC 3986 scheme characters). */
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
/**
 * One label of a host: letters and digits of any script (IDNs as written, `xn--` forms as they
 * are) and inner hyphens. Punctuation, symbols and spaces of any script are no domain.
 */
const LABEL = /^[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]*[\p{L}\p{N}\p{M}])?$/u;
/** A top-level domain holds a letter: `192.168.0.1` is an address, not a company's domain. */
const TLD = /\p{L}/u;

/**
 * Social networks, which a CRM's website field often holds instead of the company's own site
 * (`https://www.linkedin.com/company/acme`): they and their subdomains (`de.linkedin.com`,
 * `m.facebook.com`) name the platform, never the company.
 */
const SOCIAL_HOSTS: ReadonlySet<string> = new Set([
  'linkedin.com', 'xing.com', 'facebook.com', 'fb.com', 'twitter.com', 'x.com', 'instagram.com', 'youtube.com', 'youtu.be',
  'tiktok.com', 'pinterest.com', 'reddit.com', 'medium.com', 'crunchbase.com', 'glassdoor.com', 'yelp.com', 'github.com',
  'gitlab.com', 'linktr.ee', 'bit.ly', 't.me', 'wa.me', 'about.me',
]);

/** Site builders and blog hosts: the host alone names the platform; a company's site is a subdomain (`acme.wordpress.com`). */
const PLATFORM_HOSTS: ReadonlySet<string> = new Set([
  'wordpress.com', 'blogspot.com', 'wixsite.com', 'wix.com', 'squarespace.com', 'weebly.com', 'webflow.io', 'github.io',
  'substack.com', 'notion.site', 'carrd.co', 'sites.google.com', 'google.com', 'goo.gl',
]);

/** Whether a host is a platform's (SOCIAL_HOSTS with their subdomains, PLATFORM_HOSTS as they are). */
function platformHost(domain: string): boolean {
  if (PLATFORM_HOSTS.has(domain) || SOCIAL_HOSTS.has(domain)) return true;
  for (let dot = domain.indexOf('.'); dot >= 0; dot = domain.indexOf('.', dot + 1)) {
    if (SOCIAL_HOSTS.has(domain.slice(dot + 1))) return true;
  }
  return false;
}

/**
 * The host of a URL or a bare domain: scheme, userinfo (so `mailto:anna@acme.com` and an email
 * pasted into the website field give the email's domain), port, path, query and fragment go; a
 * trailing dot goes; lower case; a leading `www.` goes, as HubSpot and Clearbit drop it, so
 * `www.acme.com` is the account of `anna@acme.com`. Empty when what is left is no domain: no dot
 * (`localhost`, `acme`, `n/a`), an empty label, a character no host has (spaces, `_`, `,`: two
 * sites in one cell), an all-digit top-level domain (an IP address), a free-mail domain (a
 * website `gmail.com` is nonsense, and must not make an account of everyone at gmail), or a
 * platform's host (`linkedin.com/company/acme` is a profile, not Acme's site: the lead goes on to
 * its company name).
 */
export function websiteDomain(cell: string, freeMail: ReadonlySet<string>): string {
  let text = cell.trim();
  const scheme = SCHEME.exec(text);
  if (scheme) text = text.slice(scheme[0].length);
  else if (text.startsWith('//')) text = text.slice(2);
  // the authority ends at the path, the query or the fragment
  const end = text.search(/[/?#]/);
  let host = end < 0 ? text : text.slice(0, end);
  host = host.slice(host.lastIndexOf('@') + 1);
  const colon = host.indexOf(':');
  if (colon >= 0) host = host.slice(0, colon);
  if (host.endsWith('.')) host = host.slice(0, -1);
  host = host.toLowerCase();
  const labels = host.split('.');
  // `www.` is a web server's name, not the company's; `www.com` alone keeps it (nothing else is left)
  if (labels.length > 2 && labels[0] === 'www') labels.shift();
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !TLD.test(labels[labels.length - 1])) return '';
  const domain = labels.join('.');
  return freeMail.has(domain) || platformHost(domain) ? '' : domain;
}
