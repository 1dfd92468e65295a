/** The one twitter-text module the console bundles (the package ships no types). */
declare module 'twitter-text/dist/esm/parseTweet' {
  export default function parseTweet(text: string): { weightedLength: number; valid: boolean; permillage: number };
}
