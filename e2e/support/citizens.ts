/**
 * The e-Devlet simulator's test citizens (README.md, api/src/edevlet/simulator/citizens.rs).
 *
 * Consent to e-Onay belongs to the person and stays in the database, and each project's
 * server starts on a fresh database per run. So that no spec depends on the order the specs
 * run in, each citizen has one role:
 *
 * - CONSENTED citizens (Ayşe, Mehmet, Zeynep) are given the e-Onay consent through the API
 *   (`PUT /api/me/e-onay-consent`, in a separate API session) before the browser reaches the
 *   approval step, by the `consentedCitizen` helper — idempotent, so any spec may use them.
 * - İbrahim is used only by `consent.spec.ts`: the one place that shows the consent step to a
 *   person who has never consented. No other spec logs him in.
 * - Emre is used only by `keyboard.spec.ts`: the keyboard-only path also walks through the
 *   consent step (he has never consented either).
 */
export interface Citizen {
  tckn: string;
  firstName: string;
  lastName: string;
  password: string;
}

export const citizens = {
  ayse: { tckn: '10000000146', firstName: 'Ayşe', lastName: 'Yılmaz', password: 'Test-1001' },
  mehmet: { tckn: '10000000214', firstName: 'Mehmet', lastName: 'Öztürk', password: 'Test-1002' },
  zeynep: { tckn: '10000000382', firstName: 'Zeynep', lastName: 'Çelik', password: 'Test-1003' },
  /** Only keyboard.spec.ts: never consented before that spec. */
  emre: { tckn: '10000000450', firstName: 'Emre', lastName: 'Şahin', password: 'Test-1004' },
  /** Only consent.spec.ts: never consented before that spec. */
  ibrahim: { tckn: '10000000528', firstName: 'İbrahim', lastName: 'Güneş', password: 'Test-1005' },
} as const satisfies Record<string, Citizen>;

/** The simulator's `n`-th generated citizen (api/src/edevlet/simulator/citizens.rs,
 * `generated_citizen`; start-server.sh enables them): a person no other test uses. */
export function generatedCitizen(n: number): Citizen {
  const firstNine = `9${String(n % 100_000_000).padStart(8, '0')}`;
  const digits = [...firstNine].map(Number);
  const odd = digits.filter((_, i) => i % 2 === 0).reduce((a, b) => a + b, 0);
  const even = digits.filter((_, i) => i % 2 === 1).reduce((a, b) => a + b, 0);
  const tenth = (((odd * 7 + 90 - even) % 10) + 10) % 10;
  const eleventh = (digits.reduce((a, b) => a + b, 0) + tenth) % 10;
  const tckn = `${firstNine}${tenth}${eleventh}`;
  return { tckn, firstName: 'Deneme', lastName: `Vatandaş ${letterCode(n)}`, password: `Deneme-${tckn}` };
}

/** `n` in letters (A, B, … Z, BA, BB …), as the simulator names generated citizens. */
function letterCode(n: number): string {
  const letters: string[] = [];
  let rest = n;
  do {
    letters.unshift(String.fromCharCode(65 + (rest % 26)));
    rest = Math.floor(rest / 26);
  } while (rest > 0);
  return letters.join('');
}
