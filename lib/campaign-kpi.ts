/**
 * A KPI of a campaign, read with `mobiletargeting:GetCampaignDateRangeKpi`.
 *
 * One constant per standard KPI of the Amazon Pinpoint developer guide ("Standard Amazon Pinpoint analytics
 * metrics"); `CampaignKpi.of(name)` takes a KPI name AWS adds later. A granted KPI becomes the resource
 * `.../kpis/daterange/<name>`, exactly.
 */
export class CampaignKpi {
  /** The `hard-bounce-rate` KPI. */
  public static readonly HARD_BOUNCE_RATE = new CampaignKpi('hard-bounce-rate');

  /** The `hard-bounce-rate-grouped-by-campaign-activity` KPI. */
  public static readonly HARD_BOUNCE_RATE_GROUPED_BY_CAMPAIGN_ACTIVITY = new CampaignKpi('hard-bounce-rate-grouped-by-campaign-activity');

  /** The `successful-delivery-rate` KPI. */
  public static readonly SUCCESSFUL_DELIVERY_RATE = new CampaignKpi('successful-delivery-rate');

  /** The `successful-delivery-rate-grouped-by-campaign-activity` KPI. */
  public static readonly SUCCESSFUL_DELIVERY_RATE_GROUPED_BY_CAMPAIGN_ACTIVITY = new CampaignKpi('successful-delivery-rate-grouped-by-campaign-activity');

  /** The `successful-delivery-rate-grouped-by-date` KPI. */
  public static readonly SUCCESSFUL_DELIVERY_RATE_GROUPED_BY_DATE = new CampaignKpi('successful-delivery-rate-grouped-by-date');

  /** The `email-open-rate` KPI. */
  public static readonly EMAIL_OPEN_RATE = new CampaignKpi('email-open-rate');

  /** The `email-open-rate-grouped-by-campaign-activity` KPI. */
  public static readonly EMAIL_OPEN_RATE_GROUPED_BY_CAMPAIGN_ACTIVITY = new CampaignKpi('email-open-rate-grouped-by-campaign-activity');

  /** The `direct-email-opens-grouped-by-campaign-activity` KPI. */
  public static readonly DIRECT_EMAIL_OPENS_GROUPED_BY_CAMPAIGN_ACTIVITY = new CampaignKpi('direct-email-opens-grouped-by-campaign-activity');

  /** The `unique-deliveries` KPI. */
  public static readonly UNIQUE_DELIVERIES = new CampaignKpi('unique-deliveries');

  /** The `unique-deliveries-grouped-by-campaign-activity` KPI. */
  public static readonly UNIQUE_DELIVERIES_GROUPED_BY_CAMPAIGN_ACTIVITY = new CampaignKpi('unique-deliveries-grouped-by-campaign-activity');

  /** The `unique-deliveries-grouped-by-date` KPI. */
  public static readonly UNIQUE_DELIVERIES_GROUPED_BY_DATE = new CampaignKpi('unique-deliveries-grouped-by-date');

  /** The `clicks-grouped-by-campaign-activity` KPI. */
  public static readonly CLICKS_GROUPED_BY_CAMPAIGN_ACTIVITY = new CampaignKpi('clicks-grouped-by-campaign-activity');

  /** The `successful-deliveries-grouped-by-campaign-activity` KPI. */
  public static readonly SUCCESSFUL_DELIVERIES_GROUPED_BY_CAMPAIGN_ACTIVITY = new CampaignKpi('successful-deliveries-grouped-by-campaign-activity');

  /** The `attempted-deliveries-grouped-by-campaign-activity` KPI. */
  public static readonly ATTEMPTED_DELIVERIES_GROUPED_BY_CAMPAIGN_ACTIVITY = new CampaignKpi('attempted-deliveries-grouped-by-campaign-activity');

  /** The `push-open-rate` KPI. */
  public static readonly PUSH_OPEN_RATE = new CampaignKpi('push-open-rate');

  /** The `push-open-rate-grouped-by-campaign-activity` KPI. */
  public static readonly PUSH_OPEN_RATE_GROUPED_BY_CAMPAIGN_ACTIVITY = new CampaignKpi('push-open-rate-grouped-by-campaign-activity');

  /** The `direct-push-opens-grouped-by-campaign-activity` KPI. */
  public static readonly DIRECT_PUSH_OPENS_GROUPED_BY_CAMPAIGN_ACTIVITY = new CampaignKpi('direct-push-opens-grouped-by-campaign-activity');

  /** The `sms-spend` KPI. */
  public static readonly SMS_SPEND = new CampaignKpi('sms-spend');

  /**
   * A KPI by name, for a KPI this class has no constant for.
   *
   * The name is checked when a construct uses it: lowercase letters and digits in words joined by single hyphens
   * (`email-open-rate`); a name the developer guide does not define gives a warning on that construct
   * (`cdk-pinpoint-analytics-grants:unknownKpi`, naming the closest defined KPI). A token is accepted unchecked.
   *
   * @param name the KPI name, as in the `kpi-name` path parameter of the Amazon Pinpoint API
   */
  public static of(name: string): CampaignKpi {
    return new CampaignKpi(name);
  }

  /**
   * The KPI name, as in the `kpi-name` path parameter of the Amazon Pinpoint API.
   */
  public readonly name: string;

  private constructor(name: string) {
    this.name = name;
  }
}
