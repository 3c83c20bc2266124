/**
 * A KPI of a project (application), read with `mobiletargeting:GetApplicationDateRangeKpi`.
 *
 * One constant per standard KPI of the Amazon Pinpoint developer guide ("Standard Amazon Pinpoint analytics
 * metrics"); `ApplicationKpi.of(name)` takes a KPI name AWS adds later. Give them to `PinpointAnalyticsReadPolicy`'s
 * `applicationKpis`: a granted KPI becomes the resource `apps/<project>/kpis/daterange/<name>`, exactly.
 */
export class ApplicationKpi {
  /** The `successful-delivery-rate` KPI. */
  public static readonly SUCCESSFUL_DELIVERY_RATE = new ApplicationKpi('successful-delivery-rate');

  /** The `successful-delivery-rate-grouped-by-date` KPI. */
  public static readonly SUCCESSFUL_DELIVERY_RATE_GROUPED_BY_DATE = new ApplicationKpi('successful-delivery-rate-grouped-by-date');

  /** The `email-open-rate` KPI. */
  public static readonly EMAIL_OPEN_RATE = new ApplicationKpi('email-open-rate');

  /** The `email-open-rate-grouped-by-campaign` KPI. */
  public static readonly EMAIL_OPEN_RATE_GROUPED_BY_CAMPAIGN = new ApplicationKpi('email-open-rate-grouped-by-campaign');

  /** The `unique-deliveries` KPI. */
  public static readonly UNIQUE_DELIVERIES = new ApplicationKpi('unique-deliveries');

  /** The `unique-deliveries-grouped-by-campaign` KPI. */
  public static readonly UNIQUE_DELIVERIES_GROUPED_BY_CAMPAIGN = new ApplicationKpi('unique-deliveries-grouped-by-campaign');

  /** The `unique-deliveries-grouped-by-date` KPI. */
  public static readonly UNIQUE_DELIVERIES_GROUPED_BY_DATE = new ApplicationKpi('unique-deliveries-grouped-by-date');

  /** The `successful-deliveries-grouped-by-campaign` KPI. */
  public static readonly SUCCESSFUL_DELIVERIES_GROUPED_BY_CAMPAIGN = new ApplicationKpi('successful-deliveries-grouped-by-campaign');

  /** The `push-open-rate` KPI. */
  public static readonly PUSH_OPEN_RATE = new ApplicationKpi('push-open-rate');

  /** The `push-open-rate-grouped-by-campaign` KPI. */
  public static readonly PUSH_OPEN_RATE_GROUPED_BY_CAMPAIGN = new ApplicationKpi('push-open-rate-grouped-by-campaign');

  /** The `txn-emails-clicked` KPI. */
  public static readonly TXN_EMAILS_CLICKED = new ApplicationKpi('txn-emails-clicked');

  /** The `txn-emails-clicked-grouped-by-date` KPI. */
  public static readonly TXN_EMAILS_CLICKED_GROUPED_BY_DATE = new ApplicationKpi('txn-emails-clicked-grouped-by-date');

  /** The `txn-emails-complaint-rate` KPI. */
  public static readonly TXN_EMAILS_COMPLAINT_RATE = new ApplicationKpi('txn-emails-complaint-rate');

  /** The `txn-emails-complaint-rate-grouped-by-date` KPI. */
  public static readonly TXN_EMAILS_COMPLAINT_RATE_GROUPED_BY_DATE = new ApplicationKpi('txn-emails-complaint-rate-grouped-by-date');

  /** The `txn-emails-with-complaints` KPI. */
  public static readonly TXN_EMAILS_WITH_COMPLAINTS = new ApplicationKpi('txn-emails-with-complaints');

  /** The `txn-emails-with-complaints-grouped-by-date` KPI. */
  public static readonly TXN_EMAILS_WITH_COMPLAINTS_GROUPED_BY_DATE = new ApplicationKpi('txn-emails-with-complaints-grouped-by-date');

  /** The `txn-emails-delivered` KPI. */
  public static readonly TXN_EMAILS_DELIVERED = new ApplicationKpi('txn-emails-delivered');

  /** The `txn-emails-delivered-grouped-by-date` KPI. */
  public static readonly TXN_EMAILS_DELIVERED_GROUPED_BY_DATE = new ApplicationKpi('txn-emails-delivered-grouped-by-date');

  /** The `txn-emails-delivery-rate` KPI. */
  public static readonly TXN_EMAILS_DELIVERY_RATE = new ApplicationKpi('txn-emails-delivery-rate');

  /** The `txn-emails-delivery-rate-grouped-by-date` KPI. */
  public static readonly TXN_EMAILS_DELIVERY_RATE_GROUPED_BY_DATE = new ApplicationKpi('txn-emails-delivery-rate-grouped-by-date');

  /** The `txn-emails-hard-bounced` KPI. */
  public static readonly TXN_EMAILS_HARD_BOUNCED = new ApplicationKpi('txn-emails-hard-bounced');

  /** The `txn-emails-hard-bounced-grouped-by-date` KPI. */
  public static readonly TXN_EMAILS_HARD_BOUNCED_GROUPED_BY_DATE = new ApplicationKpi('txn-emails-hard-bounced-grouped-by-date');

  /** The `txn-emails-opened` KPI. */
  public static readonly TXN_EMAILS_OPENED = new ApplicationKpi('txn-emails-opened');

  /** The `txn-emails-opened-grouped-by-date` KPI. */
  public static readonly TXN_EMAILS_OPENED_GROUPED_BY_DATE = new ApplicationKpi('txn-emails-opened-grouped-by-date');

  /** The `txn-emails-sent` KPI. */
  public static readonly TXN_EMAILS_SENT = new ApplicationKpi('txn-emails-sent');

  /** The `txn-emails-sent-grouped-by-date` KPI. */
  public static readonly TXN_EMAILS_SENT_GROUPED_BY_DATE = new ApplicationKpi('txn-emails-sent-grouped-by-date');

  /** The `txn-emails-soft-bounced` KPI. */
  public static readonly TXN_EMAILS_SOFT_BOUNCED = new ApplicationKpi('txn-emails-soft-bounced');

  /** The `txn-emails-soft-bounced-grouped-by-date` KPI. */
  public static readonly TXN_EMAILS_SOFT_BOUNCED_GROUPED_BY_DATE = new ApplicationKpi('txn-emails-soft-bounced-grouped-by-date');

  /** The `txn-emails-unique-clicks` KPI. */
  public static readonly TXN_EMAILS_UNIQUE_CLICKS = new ApplicationKpi('txn-emails-unique-clicks');

  /** The `txn-emails-unique-clicks-grouped-by-date` KPI. */
  public static readonly TXN_EMAILS_UNIQUE_CLICKS_GROUPED_BY_DATE = new ApplicationKpi('txn-emails-unique-clicks-grouped-by-date');

  /** The `txn-emails-unique-opens` KPI. */
  public static readonly TXN_EMAILS_UNIQUE_OPENS = new ApplicationKpi('txn-emails-unique-opens');

  /** The `txn-emails-unique-opens-grouped-by-date` KPI. */
  public static readonly TXN_EMAILS_UNIQUE_OPENS_GROUPED_BY_DATE = new ApplicationKpi('txn-emails-unique-opens-grouped-by-date');

  /** The `txn-sms-average-price-grouped-by-country` KPI. */
  public static readonly TXN_SMS_AVERAGE_PRICE_GROUPED_BY_COUNTRY = new ApplicationKpi('txn-sms-average-price-grouped-by-country');

  /** The `txn-sms-average-price-by-parts-grouped-by-country` KPI. */
  public static readonly TXN_SMS_AVERAGE_PRICE_BY_PARTS_GROUPED_BY_COUNTRY = new ApplicationKpi('txn-sms-average-price-by-parts-grouped-by-country');

  /** The `txn-sms-delivered` KPI. */
  public static readonly TXN_SMS_DELIVERED = new ApplicationKpi('txn-sms-delivered');

  /** The `txn-sms-delivered-grouped-by-country` KPI. */
  public static readonly TXN_SMS_DELIVERED_GROUPED_BY_COUNTRY = new ApplicationKpi('txn-sms-delivered-grouped-by-country');

  /** The `txn-sms-delivered-grouped-by-date` KPI. */
  public static readonly TXN_SMS_DELIVERED_GROUPED_BY_DATE = new ApplicationKpi('txn-sms-delivered-grouped-by-date');

  /** The `txn-sms-error-distribution` KPI. */
  public static readonly TXN_SMS_ERROR_DISTRIBUTION = new ApplicationKpi('txn-sms-error-distribution');

  /** The `txn-sms-delivery-rate` KPI. */
  public static readonly TXN_SMS_DELIVERY_RATE = new ApplicationKpi('txn-sms-delivery-rate');

  /** The `txn-sms-delivery-rate-grouped-by-date` KPI. */
  public static readonly TXN_SMS_DELIVERY_RATE_GROUPED_BY_DATE = new ApplicationKpi('txn-sms-delivery-rate-grouped-by-date');

  /** The `txn-sms-delivered-by-parts` KPI. */
  public static readonly TXN_SMS_DELIVERED_BY_PARTS = new ApplicationKpi('txn-sms-delivered-by-parts');

  /** The `txn-sms-delivered-by-parts-grouped-by-country` KPI. */
  public static readonly TXN_SMS_DELIVERED_BY_PARTS_GROUPED_BY_COUNTRY = new ApplicationKpi('txn-sms-delivered-by-parts-grouped-by-country');

  /** The `txn-sms-sent-by-parts` KPI. */
  public static readonly TXN_SMS_SENT_BY_PARTS = new ApplicationKpi('txn-sms-sent-by-parts');

  /** The `txn-sms-sent-by-parts-grouped-by-country` KPI. */
  public static readonly TXN_SMS_SENT_BY_PARTS_GROUPED_BY_COUNTRY = new ApplicationKpi('txn-sms-sent-by-parts-grouped-by-country');

  /** The `txn-sms-sent` KPI. */
  public static readonly TXN_SMS_SENT = new ApplicationKpi('txn-sms-sent');

  /** The `txn-sms-sent-grouped-by-country` KPI. */
  public static readonly TXN_SMS_SENT_GROUPED_BY_COUNTRY = new ApplicationKpi('txn-sms-sent-grouped-by-country');

  /** The `txn-sms-sent-grouped-by-date` KPI. */
  public static readonly TXN_SMS_SENT_GROUPED_BY_DATE = new ApplicationKpi('txn-sms-sent-grouped-by-date');

  /** The `txn-sms-total-price-grouped-by-country` KPI. */
  public static readonly TXN_SMS_TOTAL_PRICE_GROUPED_BY_COUNTRY = new ApplicationKpi('txn-sms-total-price-grouped-by-country');

  /**
   * A KPI by name, for a KPI this class has no constant for.
   *
   * The name is checked when a construct uses it: lowercase letters and digits in words joined by single hyphens
   * (`txn-sms-sent`); a name the developer guide does not define gives a warning on that construct
   * (`cdk-pinpoint-analytics-grants:unknownKpi`, naming the closest defined KPI). A token is accepted unchecked.
   *
   * @param name the KPI name, as in the `kpi-name` path parameter of the Amazon Pinpoint API
   */
  public static of(name: string): ApplicationKpi {
    return new ApplicationKpi(name);
  }

  /**
   * The KPI name, as in the `kpi-name` path parameter of the Amazon Pinpoint API.
   */
  public readonly name: string;

  private constructor(name: string) {
    this.name = name;
  }
}
