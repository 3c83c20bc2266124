/**
 * What the construct tree knows and the templates do not say (lib/private/access-check/templates/construct-index.ts):
 * the construct path of each resource, and the acknowledgements recorded with `Validations.of(scope).acknowledge`.
 * Observed through the access report of an app.
 */
import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  newRole,
  removeTestOutdirs,
  reportedPrincipals as principals,
  synthWithValidator,
  testAppWithOutdir,
  testStack,
  PROJECT_KPI_READ as READ,
} from '../../../../support';

afterEach(removeTestOutdirs);


describe('construct paths', () => {
  test('from the path metadata of the templates when it is on', () => {
    const app = testAppWithOutdir({ 'aws:cdk:enable-path-metadata': true });
    const role = new iam.Role(testStack(app), 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    role.addToPrincipalPolicy(new iam.PolicyStatement(READ));
    expect(principals(synthWithValidator(app).report)).toEqual(['role TestStack/Role: TestStack/Role/DefaultPolicy#0']);
  });

  test('only a trailing Resource is the L2\'s default child: a construct named Resource... keeps its name', () => {
    const app = testAppWithOutdir({ 'aws:cdk:enable-path-metadata': true });
    const role = new iam.Role(testStack(app), 'ResourceReader', { assumedBy: new iam.AccountRootPrincipal() });
    role.addToPrincipalPolicy(new iam.PolicyStatement(READ));
    expect(principals(synthWithValidator(app).report))
      .toEqual(['role TestStack/ResourceReader: TestStack/ResourceReader/DefaultPolicy#0']);
  });
});

describe('acknowledgements recorded in the app', () => {
  test('are listed with the finding they name, wherever they are recorded', () => {
    const app = testAppWithOutdir();
    const stack = testStack(app);
    const role = newRole(stack, 'Role');
    role.addToPrincipalPolicy(new iam.PolicyStatement({ ...READ, sid: 'All', actions: ['mobiletargeting:*'] }));
    const id = 'PinpointAccessValidator::PinpointAnalyticsWildcardAction[TestStack/Role/DefaultPolicy#All]';
    Validations.of(role).acknowledge({ id, reason: 'first' });
    Validations.of(stack).acknowledge({ id, reason: 'second' }, { id: 'PinpointAccessValidator::Other', reason: 'unrelated' });
    const { report, markdown } = synthWithValidator(app);
    expect(report.findings[0].acknowledgements).toEqual([{ at: 'TestStack', reason: 'second' }, { at: 'TestStack/Role', reason: 'first' }]);
    expect(markdown).toContain('<br>Acknowledged at `TestStack/Role`: first');
  });

  test('only acknowledgements: other metadata keyed by a finding\'s ID acknowledges nothing', () => {
    const app = testAppWithOutdir();
    const role = newRole(testStack(app), 'Role');
    role.addToPrincipalPolicy(new iam.PolicyStatement({ ...READ, sid: 'All', actions: ['mobiletargeting:*'] }));
    const id = 'PinpointAccessValidator::PinpointAnalyticsWildcardAction[TestStack/Role/DefaultPolicy#All]';
    role.node.addMetadata('team:notes', { [id]: 'a note, not an acknowledgement' });
    expect(synthWithValidator(app).report.findings[0]).toMatchObject({ acknowledgements: [] });
  });
});
