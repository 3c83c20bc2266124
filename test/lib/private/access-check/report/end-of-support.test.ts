/**
 * The end-of-support classification: what AWS's page says about each `mobiletargeting` action, and "unknown" wherever
 * it does not decide.
 */
import { MOBILETARGETING_ACTIONS } from '../../../../../lib/private/access-check/data/mobiletargeting-actions.generated';
import { supportOf } from '../../../../../lib/private/access-check/report/end-of-support';

describe('end-of-support.ts', () => {
  const sar = (name: string) => MOBILETARGETING_ACTIONS.find((action) => action.name === name)!;
  const statusOf = (name: string) => supportOf(sar(name)).status;

  describe('supportOf', () => {
    test('the six analytics reads ended with the analytics feature', () => {
      for (const name of ['GetApplicationDateRangeKpi', 'GetCampaignDateRangeKpi', 'GetJourneyDateRangeKpi',
        'GetJourneyExecutionMetrics', 'GetJourneyExecutionActivityMetrics', 'GetReports']) {
        expect(supportOf(sar(name))).toEqual({ status: 'ended', feature: expect.stringContaining('analytics') });
      }
    });

    test.each([
      ['CreateCampaign', 'campaigns'], ['GetCampaigns', 'campaigns'], ['UpdateCampaign', 'campaigns'],
      ['CreateJourney', 'journeys'], ['ListJourneys', 'journeys'], ['GetJourneyRunExecutionMetrics', 'journeys'],
      ['CreateSegment', 'segments'], ['GetSegmentImportJobs', 'segments'],
      ['GetEndpoint', 'endpoints'], ['UpdateEndpointsBatch', 'endpoints'], ['DeleteUserEndpoints', 'endpoints'],
    ])('%s ended with %s', (name, feature) => {
      expect(supportOf(sar(name))).toEqual({ status: 'ended', feature });
    });

    test.each([
      ['GetSmsChannel', 'SMS, voice and mobile push channels'], ['UpdateVoiceChannel', 'SMS, voice and mobile push channels'],
      ['DeleteGcmChannel', 'SMS, voice and mobile push channels'], ['UpdateApnsVoipSandboxChannel', 'SMS, voice and mobile push channels'],
      ['SendOTPMessage', 'OTP'], ['VerifyOTPMessage', 'OTP'], ['PhoneNumberValidate', 'phone number validation'],
    ])('%s continues (%s)', (name, feature) => {
      expect(supportOf(sar(name))).toEqual({ status: 'continues', feature });
    });

    test.each([
      'CreateApp', 'GetApps', 'DeleteApp', 'GetEmailChannel', 'UpdateEmailChannel', 'GetChannels', 'SendMessages',
      'SendUsersMessages', 'CreateSmsTemplate', 'PutEvents', 'PutEventStream', 'CreateExportJob', 'GetInAppMessages',
      'CreateRecommenderConfiguration', 'TagResource', 'RemoveAttributes',
    ])('%s is unknown: the page does not decide it', (name) => {
      expect(supportOf(sar(name))).toEqual({ status: 'unknown' });
    });

    test('an action the Service Authorization Reference lacks is unknown', () => {
      expect(supportOf(undefined)).toEqual({ status: 'unknown' });
    });

    test('every action has a status, and every rule places some action', () => {
      const features = new Set(MOBILETARGETING_ACTIONS.flatMap((action) => supportOf(action).feature?.split('; ') ?? []));
      expect([...features].sort()).toEqual(['OTP', 'SMS, voice and mobile push channels', 'analytics', 'campaigns', 'endpoints',
        'journeys', 'phone number validation', 'segments'].sort());
      const counts = { ended: 0, continues: 0, unknown: 0 };
      MOBILETARGETING_ACTIONS.forEach((action) => counts[supportOf(action).status]++);
      expect(counts.ended + counts.continues + counts.unknown).toBe(MOBILETARGETING_ACTIONS.length);
      expect(statusOf('GetReports')).toBe('ended');
    });
  });
});
