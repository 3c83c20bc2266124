/**
 * Amazon Pinpoint L1 resources, as users keep them while they migrate, and the acknowledgement of the warning aws-cdk-lib
 * raises on them.
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
import { IConstruct } from 'constructs';

/** A Pinpoint project (`AWS::Pinpoint::App`). */
export function pinpointProject(stack: Stack, id = 'PinpointApp', name = 'marketing'): pinpoint.CfnApp {
  return new pinpoint.CfnApp(stack, id, { name });
}

/** An email campaign of `project` (`AWS::Pinpoint::Campaign`). */
export function pinpointCampaign(stack: Stack, project: pinpoint.CfnApp, id = 'SpringSale'): pinpoint.CfnCampaign {
  return new pinpoint.CfnCampaign(stack, id, {
    applicationId: project.ref,
    name: 'spring-sale',
    segmentId: 'segment',
    schedule: { startTime: 'IMMEDIATE' },
    messageConfiguration: { emailMessage: { title: 'Spring sale', body: 'Hello' } },
  });
}

/**
 * aws-cdk-lib's validation reports `AWS::Pinpoint::*` resources (rule W3696, end of support); tests that define them on
 * purpose acknowledge it on `scope`, as a user keeping such resources while migrating would.
 */
export function acknowledgePinpointEndOfSupport(scope: App | IConstruct): void {
  Validations.of(scope).acknowledge({
    id: 'CloudFormation-Validate::W3696',
    reason: 'The test defines Amazon Pinpoint L1 resources on purpose, as users do while they migrate.',
  });
}
