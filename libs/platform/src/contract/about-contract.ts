/*
 * What the platform says about itself at GET /api/about, declared once for the api and the web
 * (type-only imports in the browser). Public: a person needs no account to be offered the source.
 */

/** The licence the platform is offered under (package.json, LICENSE). */
export const PLATFORM_LICENSE = 'AGPL-3.0-or-later';

export interface AboutView {
  readonly license: typeof PLATFORM_LICENSE;
  /**
   * Where users can get the Corresponding Source of the build they are using (AGPL-3.0 section 13:
   * a court that runs a modified platform must offer it to everyone who uses it over the
   * network); null when the court has not set SOURCE_CODE_URL, and the web app then shows no link.
   */
  readonly sourceCodeUrl: string | null;
}
