#!/usr/bin/env node
/**
 * The consumer app (.ci/consumer.sh copies this file over the one `cdk init app --language typescript` makes): the
 * shared read policy and two teams' stacks, checked by the package's access validator.
 */
import * as cdk from 'aws-cdk-lib/core';
import { DashboardStack, ReportingStack, SharedPoliciesStack } from '../lib/pinpoint-consumer-stack';
import { PinpointAccessValidator } from 'cdk-pinpoint-analytics-grants';

const app = new cdk.App();
cdk.Validations.of(app).addPlugins(new PinpointAccessValidator());

const env = { account: '123456789012', region: 'us-east-1' };
const shared = new SharedPoliciesStack(app, 'PinpointSharedPolicies', { env });
new DashboardStack(app, 'PinpointDashboards', { env, readPolicy: shared.readPolicy });
new ReportingStack(app, 'PinpointReporting', { env, readPolicy: shared.readPolicy });
