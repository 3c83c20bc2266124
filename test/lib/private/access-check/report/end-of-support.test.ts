/**
 * The end-of-support classification: what AWS's page says about each `mobiletargeting` action, and "unknown" wherever
 * it does not decide.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { MOBILETARGETING_ACTIONS, SarAction } from '../../../../../lib/private/access-check/data/mobiletargeting-actions.generated';
import {
  CONTINUES_QUOTE,
  END_OF_SUPPORT_DATE,
  END_OF_SUPPORT_PAGE,
  ENDED_QUOTE,
  supportOf,
} from '../../../../../lib/private/access-check/report/end-of-support';

describe('end-of-support.ts', () => {
  const sar = (name: string) => MOBILETARGETING_ACTIONS.find((action) => action.name === name)!;
  const statusOf = (name: string) => supportOf(sar(name)).status;
  /** An action as the Service Authorization Reference could list it, for the rules' edges. */
  const listed = (name: string, ...resourceTypes: string[]): SarAction => ({ ...sar('GetApps'), name, resourceTypes });

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

    test('an action two rules disagree on is unknown; the same status from two rules names both features', () => {
      expect(supportOf(listed('GetEndpointOtp', 'otp'))).toEqual({ status: 'unknown' });
      expect(supportOf(listed('GetCampaignJourney'))).toEqual({ status: 'ended', feature: 'campaigns; journeys' });
    });

    test('a resource type places an action when it is one of several; a channel only when the name is nothing more', () => {
      expect(supportOf(listed('SendOTPMessage', 'app', 'otp'))).toEqual({ status: 'continues', feature: 'OTP' });
      expect(statusOf('UpdateApnsSandboxChannel')).toBe('continues');
      expect(supportOf(listed('BatchGetSmsChannel'))).toEqual({ status: 'unknown' });
      expect(supportOf(listed('GetSmsChannelHistory'))).toEqual({ status: 'unknown' });
    });
  });

  test('the page, date and words the report quotes are those of AWS\'s page, as docs/facts.md carries them', () => {
    const facts = readFileSync(path.join(__dirname, '..', '..', '..', '..', '..', 'docs', 'facts.md'), 'utf8').replace(/\s+/g, ' ');
    expect(END_OF_SUPPORT_PAGE).toBe('https://docs.aws.amazon.com/pinpoint/latest/userguide/migrate.html');
    expect(facts).toContain(`(<${END_OF_SUPPORT_PAGE}>)`);
    expect(facts).toContain(`on ${END_OF_SUPPORT_DATE} ("we decided to end support for Amazon Pinpoint, effective October 30, 2026")`);
    expect(facts).toContain(`"${ENDED_QUOTE}"`);
    expect(facts).toContain(`"${CONTINUES_QUOTE}"`);
    expect([ENDED_QUOTE, CONTINUES_QUOTE]).toEqual([expect.stringContaining('analytics'), expect.stringContaining('SMS, voice, mobile push')]);
  });
});
