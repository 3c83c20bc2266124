/**
 * The KPI constants are exactly the standard KPIs of the Amazon Pinpoint developer guide ("Standard Amazon Pinpoint
 * analytics metrics"), as transcribed in docs/facts.md: one constant per name, named
 * after it, none missing, none extra.
 */
import { ApplicationKpi, CampaignKpi, JourneyKpi } from '../../lib';

const TXN_EMAIL = ['txn-emails-clicked', 'txn-emails-complaint-rate', 'txn-emails-with-complaints', 'txn-emails-delivered',
  'txn-emails-delivery-rate', 'txn-emails-hard-bounced', 'txn-emails-opened', 'txn-emails-sent', 'txn-emails-soft-bounced',
  'txn-emails-unique-clicks', 'txn-emails-unique-opens'];

const APPLICATION_KPIS = [
  'successful-delivery-rate', 'successful-delivery-rate-grouped-by-date', 'email-open-rate',
  'email-open-rate-grouped-by-campaign', 'unique-deliveries', 'unique-deliveries-grouped-by-campaign',
  'unique-deliveries-grouped-by-date', 'successful-deliveries-grouped-by-campaign', 'push-open-rate',
  'push-open-rate-grouped-by-campaign',
  ...TXN_EMAIL, ...TXN_EMAIL.map((name) => `${name}-grouped-by-date`),
  'txn-sms-average-price-grouped-by-country', 'txn-sms-average-price-by-parts-grouped-by-country', 'txn-sms-delivered',
  'txn-sms-delivered-grouped-by-country', 'txn-sms-delivered-grouped-by-date', 'txn-sms-error-distribution',
  'txn-sms-delivery-rate', 'txn-sms-delivery-rate-grouped-by-date', 'txn-sms-delivered-by-parts',
  'txn-sms-delivered-by-parts-grouped-by-country', 'txn-sms-sent-by-parts', 'txn-sms-sent-by-parts-grouped-by-country',
  'txn-sms-sent', 'txn-sms-sent-grouped-by-country', 'txn-sms-sent-grouped-by-date', 'txn-sms-total-price-grouped-by-country',
];

const CAMPAIGN_KPIS = [
  'hard-bounce-rate', 'hard-bounce-rate-grouped-by-campaign-activity', 'successful-delivery-rate',
  'successful-delivery-rate-grouped-by-campaign-activity', 'successful-delivery-rate-grouped-by-date', 'email-open-rate',
  'email-open-rate-grouped-by-campaign-activity', 'direct-email-opens-grouped-by-campaign-activity', 'unique-deliveries',
  'unique-deliveries-grouped-by-campaign-activity', 'unique-deliveries-grouped-by-date', 'clicks-grouped-by-campaign-activity',
  'successful-deliveries-grouped-by-campaign-activity', 'attempted-deliveries-grouped-by-campaign-activity', 'push-open-rate',
  'push-open-rate-grouped-by-campaign-activity', 'direct-push-opens-grouped-by-campaign-activity', 'sms-spend',
];

const JOURNEY_EVENTS = ['clicked', 'complained', 'delivered', 'hardbounced', 'opened', 'rejected', 'sent', 'softbounced',
  'unsubscribed'];
const JOURNEY_KPIS = [
  ...JOURNEY_EVENTS.map((event) => `journey-emails-${event}`),
  ...JOURNEY_EVENTS.map((event) => `emails-${event}-grouped-by-journey-activity`),
];

/** The static members of a KPI class that are KPIs: constant name -> KPI name. */
function constantsOf(kpiClass: object, instanceOf: Function): Record<string, string> {
  return Object.fromEntries(Object.entries(kpiClass)
    .filter(([, value]) => value instanceof instanceOf)
    .map(([key, value]) => [key, (value as { name: string }).name]));
}

describe.each([
  ['ApplicationKpi', ApplicationKpi, APPLICATION_KPIS, 48, (name: string) => ApplicationKpi.of(name).name],
  ['CampaignKpi', CampaignKpi, CAMPAIGN_KPIS, 18, (name: string) => CampaignKpi.of(name).name],
  ['JourneyKpi', JourneyKpi, JOURNEY_KPIS, 18, (name: string) => JourneyKpi.of(name).name],
] as const)('%s', (_name, kpiClass, names, count, of) => {
  test(`has one constant per standard KPI of the developer guide (${count}), named after it`, () => {
    expect(names).toHaveLength(count);
    const expected = Object.fromEntries(names.map((name) => [name.toUpperCase().replace(/-/g, '_'), name]));
    expect(constantsOf(kpiClass, kpiClass)).toEqual(expected);
  });

  test('of() keeps the name as it is', () => {
    expect(of('a-kpi-aws-adds-later')).toBe('a-kpi-aws-adds-later');
  });
});
