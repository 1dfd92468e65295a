/** Settings the server put in the page's <meta> tags (no inline script under the CSP). */
export interface ConsoleSettings {
  tz: string;
  slaHours: Record<'high' | 'medium' | 'low', number>;
  refreshSeconds: number;
}

function meta(name: string): string | null {
  return document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? null;
}

export function readSettings(): ConsoleSettings {
  let slaHours = { high: 4, medium: 24, low: 72 };
  try {
    slaHours = { ...slaHours, ...JSON.parse(meta('rasid-sla-hours') ?? '{}') };
  } catch {
    // keep the defaults
  }
  const refresh = Number(meta('rasid-refresh-seconds'));
  return { tz: meta('rasid-tz') || 'Asia/Bahrain', slaHours, refreshSeconds: refresh > 0 ? refresh : 15 };
}

export const settings: ConsoleSettings = readSettings();
