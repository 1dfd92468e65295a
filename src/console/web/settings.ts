/** Settings the server put in the page's <meta> tags (no inline script under the CSP). */
export interface ConsoleSettings {
  tz: string;
  /** First-response target per urgency, in minutes. */
  slaMinutes: Record<'high' | 'medium' | 'low', number>;
  refreshSeconds: number;
  /** Which replies wait for a supervisor's approval (the server's APPROVAL_* settings). */
  approval: { urgencies: ('high' | 'medium' | 'low')[]; trainees: boolean };
}

function meta(name: string): string | null {
  // Outside a page (unit tests of modules that format with these settings) the defaults hold.
  if (typeof document === 'undefined') return null;
  return document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? null;
}

export function readSettings(): ConsoleSettings {
  let slaMinutes = { high: 60, medium: 240, low: 1440 };
  try {
    slaMinutes = { ...slaMinutes, ...JSON.parse(meta('rasid-sla-minutes') ?? '{}') };
  } catch {
    // keep the defaults
  }
  let approval: ConsoleSettings['approval'] = { urgencies: ['high'], trainees: true };
  try {
    approval = { ...approval, ...JSON.parse(meta('rasid-approval') ?? '{}') };
  } catch {
    // keep the defaults
  }
  const refresh = Number(meta('rasid-refresh-seconds'));
  return { tz: meta('rasid-tz') || 'Asia/Bahrain', slaMinutes, refreshSeconds: refresh > 0 ? refresh : 15, approval };
}

export const settings: ConsoleSettings = readSettings();
