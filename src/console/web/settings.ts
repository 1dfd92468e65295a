/** Settings the server put in the page's <meta> tags (no inline script under the CSP). */
export interface ConsoleSettings {
  tz: string;
  /** First-response target per urgency, in minutes. */
  slaMinutes: Record<'high' | 'medium' | 'low', number>;
  refreshSeconds: number;
}

function meta(name: string): string | null {
  return document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? null;
}

export function readSettings(): ConsoleSettings {
  let slaMinutes = { high: 60, medium: 240, low: 1440 };
  try {
    slaMinutes = { ...slaMinutes, ...JSON.parse(meta('rasid-sla-minutes') ?? '{}') };
  } catch {
    // keep the defaults
  }
  const refresh = Number(meta('rasid-refresh-seconds'));
  return { tz: meta('rasid-tz') || 'Asia/Bahrain', slaMinutes, refreshSeconds: refresh > 0 ? refresh : 15 };
}

export const settings: ConsoleSettings = readSettings();
