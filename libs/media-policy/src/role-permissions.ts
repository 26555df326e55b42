import type { HearingRole } from '@ejustice/vocabulary/hearing-role';

/**
 * Who may share a screen: the judge and counsel (prosecution, defence, victim's counsel), to put
 * a document or an exhibit before the court. Parties and witnesses do not address the court with
 * material of their own choosing; their counsel does it for them. The clerk is left out because
 * the hearing-rooms issue names "the judge and counsel only"; adding them is one line here.
 */
export const SCREEN_SHARING_ROLES: readonly HearingRole[] = ['judge', 'prosecutor', 'defence_counsel', 'victim_counsel'];

/**
 * Who may open a private consultation room: the judge (a conference with counsel or the clerk),
 * counsel (to take instructions from their own client) and a supporter (to take their witness
 * aside, as she may need during her evidence). A party cannot summon counsel, or another party,
 * into a private room. Whom each may take in is checked with the orders (snapshot-check).
 */
export const CONSULTATION_OPENING_ROLES: readonly HearingRole[] = ['judge', 'prosecutor', 'defence_counsel', 'victim_counsel', 'supporter'];

/**
 * Who may watch but not be seen or heard: the public gallery. Observers in a remote hearing
 * would otherwise put their own homes and voices into the courtroom; a gallery has no right of
 * audience, so they produce nothing at all.
 */
export const RECEIVE_ONLY_ROLES: readonly HearingRole[] = ['observer'];
