/**
 * Which `mobiletargeting` actions belong to Amazon Pinpoint features that ended on 2026-10-30 and which continue, as
 * AWS's page "Amazon Pinpoint end of support" says (https://docs.aws.amazon.com/pinpoint/latest/userguide/migrate.html):
 *
 * - "we decided to end support for Amazon Pinpoint, effective October 30, 2026";
 * - "you will no longer be able to access the Amazon Pinpoint console or Amazon Pinpoint resources (endpoints,
 *   segments, campaigns, journeys, and analytics)";
 * - "APIs related to SMS, voice, mobile push, OTP, and phone number validate are not impacted" (they continue as AWS
 *   End User Messaging).
 *
 * The rules below apply those words and nothing more. The page names features, not actions: an action is placed
 * only where its name or resource type puts it plainly in one of them, and every other action (projects, email,
 * templates, event streams, import and export jobs, recommenders, in-app messages, `SendMessages`, tags, ...) is
 * `unknown`. An action two rules disagree on is `unknown` too.
 */
import { ANALYTICS_READS, SERVICE_PREFIX } from '../../analytics';
import { SarAction } from '../data/mobiletargeting-actions.generated';

/** AWS's page on the end of support. */
export const END_OF_SUPPORT_PAGE = 'https://docs.aws.amazon.com/pinpoint/latest/userguide/migrate.html';
/** The day Amazon Pinpoint's engagement features ended. */
export const END_OF_SUPPORT_DATE = '2026-10-30';
/** AWS's words for what ended. */
export const ENDED_QUOTE = 'you will no longer be able to access the Amazon Pinpoint console or Amazon Pinpoint resources ' +
  '(endpoints, segments, campaigns, journeys, and analytics)';
/** AWS's words for what continues. */
export const CONTINUES_QUOTE = 'APIs related to SMS, voice, mobile push, OTP, and phone number validate are not impacted';

/** Whether an action's feature ended on 2026-10-30, continues, or AWS's page does not decide. */
export type SupportStatus = 'ended' | 'continues' | 'unknown';

/** What AWS's page says about one action. */
export interface Support {
  readonly status: SupportStatus;
  /** The feature of the page the action belongs to (`analytics`, `campaigns`, `SMS, voice and mobile push channels`, ...). */
  readonly feature?: string;
}

interface SupportRule {
  readonly feature: string;
  readonly status: SupportStatus;
  /** Whether the rule covers the action. */
  readonly covers: (action: SarAction) => boolean;
}

const named = (pattern: RegExp) => (action: SarAction) => pattern.test(action.name);
const onResourceType = (...types: string[]) => (action: SarAction) => action.resourceTypes.some((t) => types.includes(t));

/** One rule per feature the page names. */
const SUPPORT_RULES: readonly SupportRule[] = [
  // "analytics": the six analytics reads this library grants (KPIs, journey execution metrics, the console's reports).
  { feature: 'analytics', status: 'ended', covers: (action) => ANALYTICS_READS.includes(`${SERVICE_PREFIX}:${action.name}`) },
  // "campaigns", "journeys", "segments", "endpoints": every action named after one of them.
  { feature: 'campaigns', status: 'ended', covers: named(/Campaign/) },
  { feature: 'journeys', status: 'ended', covers: named(/Journey/) },
  { feature: 'segments', status: 'ended', covers: named(/Segment/) },
  { feature: 'endpoints', status: 'ended', covers: named(/Endpoint/) },
  // "SMS, voice, mobile push": the channel settings of those channels (email is not named, so it stays unknown).
  {
    feature: 'SMS, voice and mobile push channels',
    status: 'continues',
    covers: named(/^(Get|Update|Delete)(Sms|Voice|Gcm|Adm|Baidu|Apns|ApnsSandbox|ApnsVoip|ApnsVoipSandbox)Channel$/),
  },
  // "OTP": sending and verifying one-time passwords.
  { feature: 'OTP', status: 'continues', covers: onResourceType('otp', 'verify-otp') },
  // "phone number validate".
  { feature: 'phone number validation', status: 'continues', covers: onResourceType('phone-number-validate') },
];

/** What AWS's page says about `action`. */
export function supportOf(action: SarAction | undefined): Support {
  const rules = action ? SUPPORT_RULES.filter((rule) => rule.covers(action)) : [];
  const statuses = new Set(rules.map((rule) => rule.status));
  return statuses.size === 1 ? { status: rules[0].status, feature: rules.map((rule) => rule.feature).join('; ') } : { status: 'unknown' };
}
