/**
 * A KPI of a journey (engagement metrics), read with `mobiletargeting:GetJourneyDateRangeKpi`.
 *
 * One constant per standard KPI of the Amazon Pinpoint developer guide ("Standard Amazon Pinpoint analytics
 * metrics"); `JourneyKpi.of(name)` takes a KPI name AWS adds later. A granted KPI becomes the resource
 * `.../kpis/daterange/<name>`, exactly.
 */
export class JourneyKpi {
  /** The `journey-emails-clicked` KPI. */
  public static readonly JOURNEY_EMAILS_CLICKED = new JourneyKpi('journey-emails-clicked');

  /** The `journey-emails-complained` KPI. */
  public static readonly JOURNEY_EMAILS_COMPLAINED = new JourneyKpi('journey-emails-complained');

  /** The `journey-emails-delivered` KPI. */
  public static readonly JOURNEY_EMAILS_DELIVERED = new JourneyKpi('journey-emails-delivered');

  /** The `journey-emails-hardbounced` KPI. */
  public static readonly JOURNEY_EMAILS_HARDBOUNCED = new JourneyKpi('journey-emails-hardbounced');

  /** The `journey-emails-opened` KPI. */
  public static readonly JOURNEY_EMAILS_OPENED = new JourneyKpi('journey-emails-opened');

  /** The `journey-emails-rejected` KPI. */
  public static readonly JOURNEY_EMAILS_REJECTED = new JourneyKpi('journey-emails-rejected');

  /** The `journey-emails-sent` KPI. */
  public static readonly JOURNEY_EMAILS_SENT = new JourneyKpi('journey-emails-sent');

  /** The `journey-emails-softbounced` KPI. */
  public static readonly JOURNEY_EMAILS_SOFTBOUNCED = new JourneyKpi('journey-emails-softbounced');

  /** The `journey-emails-unsubscribed` KPI. */
  public static readonly JOURNEY_EMAILS_UNSUBSCRIBED = new JourneyKpi('journey-emails-unsubscribed');

  /** The `emails-clicked-grouped-by-journey-activity` KPI. */
  public static readonly EMAILS_CLICKED_GROUPED_BY_JOURNEY_ACTIVITY = new JourneyKpi('emails-clicked-grouped-by-journey-activity');

  /** The `emails-complained-grouped-by-journey-activity` KPI. */
  public static readonly EMAILS_COMPLAINED_GROUPED_BY_JOURNEY_ACTIVITY = new JourneyKpi('emails-complained-grouped-by-journey-activity');

  /** The `emails-delivered-grouped-by-journey-activity` KPI. */
  public static readonly EMAILS_DELIVERED_GROUPED_BY_JOURNEY_ACTIVITY = new JourneyKpi('emails-delivered-grouped-by-journey-activity');

  /** The `emails-hardbounced-grouped-by-journey-activity` KPI. */
  public static readonly EMAILS_HARDBOUNCED_GROUPED_BY_JOURNEY_ACTIVITY = new JourneyKpi('emails-hardbounced-grouped-by-journey-activity');

  /** The `emails-opened-grouped-by-journey-activity` KPI. */
  public static readonly EMAILS_OPENED_GROUPED_BY_JOURNEY_ACTIVITY = new JourneyKpi('emails-opened-grouped-by-journey-activity');

  /** The `emails-rejected-grouped-by-journey-activity` KPI. */
  public static readonly EMAILS_REJECTED_GROUPED_BY_JOURNEY_ACTIVITY = new JourneyKpi('emails-rejected-grouped-by-journey-activity');

  /** The `emails-sent-grouped-by-journey-activity` KPI. */
  public static readonly EMAILS_SENT_GROUPED_BY_JOURNEY_ACTIVITY = new JourneyKpi('emails-sent-grouped-by-journey-activity');

  /** The `emails-softbounced-grouped-by-journey-activity` KPI. */
  public static readonly EMAILS_SOFTBOUNCED_GROUPED_BY_JOURNEY_ACTIVITY = new JourneyKpi('emails-softbounced-grouped-by-journey-activity');

  /** The `emails-unsubscribed-grouped-by-journey-activity` KPI. */
  public static readonly EMAILS_UNSUBSCRIBED_GROUPED_BY_JOURNEY_ACTIVITY = new JourneyKpi('emails-unsubscribed-grouped-by-journey-activity');

  /**
   * A KPI by name, for a KPI this class has no constant for.
   *
   * The name is checked when a construct uses it: lowercase letters and digits in words joined by single hyphens
   * (`journey-emails-opened`); a name the developer guide does not define gives a warning on that construct
   * (`cdk-pinpoint-analytics-grants:unknownKpi`, naming the closest defined KPI). A token is accepted unchecked.
   *
   * @param name the KPI name, as in the `kpi-name` path parameter of the Amazon Pinpoint API
   */
  public static of(name: string): JourneyKpi {
    return new JourneyKpi(name);
  }

  /**
   * The KPI name, as in the `kpi-name` path parameter of the Amazon Pinpoint API.
   */
  public readonly name: string;

  private constructor(name: string) {
    this.name = name;
  }
}
