/**
 * The access check's table of AWS SAM policy templates is generated from the data snapshot
 * scripts/data/sam-policy-templates.json (scripts/generate-sam-policy-templates.ts): the file in lib/ must be exactly
 * what the script renders from the snapshot, and each template in it must apply to some `mobiletargeting` action once
 * its parameters have values, as the IAM evaluator decides.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import {
  SAM_POLICY_TEMPLATE_NAMES,
  SAM_POLICY_TEMPLATES_SOURCE,
  SAM_POLICY_TEMPLATES_WITH_MOBILETARGETING,
} from '../../lib/private/access-check/data/sam-policy-templates.generated';
import {
  PolicyTemplatesFile,
  readSnapshot,
  renderSamPolicyTemplateTable,
  snapshotOf,
  TABLE_PATH,
} from '../../scripts/generate-sam-policy-templates';
import {
  ANALYTICS_REQUESTS,
  asUnconditionalAllow,
  decide,
  everyMobiletargetingRequest,
  iamStatement,
  mobiletargetingArn,
  OTHER_PROJECT_ID,
  policyOf,
  PROJECT_ID,
  substituteParameters,
  TableStatement,
} from '../support';

/** The statements of the table's template `name`, with each parameter's value `value`, for the evaluator. */
function templatePolicy(name: string, value: (parameter: string) => string) {
  const template = SAM_POLICY_TEMPLATES_WITH_MOBILETARGETING.find((candidate) => candidate.name === name);
  expect(template).toBeDefined();
  const values = Object.fromEntries(template!.parameters.map((parameter) => [parameter, value(parameter)]));
  return policyOf(name, template!.statements.map((statement) =>
    substituteParameters(iamStatement(statement as unknown as TableStatement), values)));
}

/** A policy template as SAM's file writes one, of one statement. */
function oneStatementTemplate(statement: Record<string, unknown>) {
  return { Description: 'test', Parameters: {}, Definition: { Statement: [statement] } } as any;
}

describe('the generated table of SAM policy templates', () => {
  test('is what the generator renders from the snapshot scripts/data/sam-policy-templates.json (run `npx projen pre-compile`)', () => {
    // GIVEN
    const committed = readFileSync(path.join(__dirname, '..', '..', TABLE_PATH), 'utf-8');
    // WHEN
    const rendered = renderSamPolicyTemplateTable();
    // THEN
    expect(committed).toEqual(rendered);
  });

  test('names its source: repository, path, a commit, the file\'s Version and the licence, as the snapshot does', () => {
    const { source } = readSnapshot();
    expect(SAM_POLICY_TEMPLATES_SOURCE).toEqual({
      repository: 'aws/serverless-application-model',
      path: 'samtranslator/policy_templates_data/policy_templates.json',
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      version: source.version,
      license: 'Apache-2.0',
    });
    expect(source.url).toBe(`https://github.com/${source.repository}/blob/${source.commit}/${source.path}`);
  });

  test('names every template of the snapshot once, sorted, those that concern mobiletargeting included', () => {
    expect(SAM_POLICY_TEMPLATE_NAMES).toEqual([...new Set(SAM_POLICY_TEMPLATE_NAMES)].sort());
    expect(SAM_POLICY_TEMPLATE_NAMES).toEqual(readSnapshot().templateNames);
    expect(SAM_POLICY_TEMPLATE_NAMES).toEqual(expect.arrayContaining([
      ...SAM_POLICY_TEMPLATES_WITH_MOBILETARGETING.map((candidate) => candidate.name),
      'DynamoDBCrudPolicy', 'MobileAnalyticsWriteOnlyAccessPolicy', 'SQSSendMessagePolicy', 'TextractPolicy',
    ]));
  });

  test('keeps the parameters and the statements of each template of the snapshot as SAM defines them', () => {
    const { templatesWithMobiletargeting } = readSnapshot();
    expect(SAM_POLICY_TEMPLATES_WITH_MOBILETARGETING.map((candidate) => candidate.name))
      .toEqual(Object.keys(templatesWithMobiletargeting).sort());
    for (const { name, parameters, statements } of SAM_POLICY_TEMPLATES_WITH_MOBILETARGETING) {
      const { Parameters, Definition } = templatesWithMobiletargeting[name];
      expect(parameters).toEqual(Object.keys(Parameters));
      for (const statement of statements) {
        expect(statement.otherActionsLeftOut).toBeUndefined();
        expect(iamStatement(statement as unknown as TableStatement)).toEqual(Definition.Statement[statement.index]);
      }
    }
  });

  test('PinpointEndpointAccessPolicy allows the endpoints of its application, not another\'s, nor analytics (IAM evaluator)', async () => {
    // GIVEN
    const policies = templatePolicy('PinpointEndpointAccessPolicy', () => PROJECT_ID);
    const endpoint = (project: string) => mobiletargetingArn(`apps/${project}/endpoints/endpoint-1`);
    // THEN
    for (const action of ['GetEndpoint', 'UpdateEndpoint', 'UpdateEndpointsBatch']) {
      expect(await decide(policies, `mobiletargeting:${action}`, endpoint(PROJECT_ID))).toBe('Allowed');
    }
    expect(await decide(policies, 'mobiletargeting:GetEndpoint', endpoint(OTHER_PROJECT_ID))).toBe('ImplicitlyDenied');
    for (const { action, arn } of ANALYTICS_REQUESTS) {
      expect(`${action}: ${await decide(policies, action, arn)}`).toBe(`${action}: ImplicitlyDenied`);
    }
  });

  test('each template applies to some mobiletargeting action once its parameters have values (IAM evaluator)', async () => {
    const requests = await everyMobiletargetingRequest();
    for (const { name } of SAM_POLICY_TEMPLATES_WITH_MOBILETARGETING) {
      const statements: Record<string, unknown>[] = templatePolicy(name, () => PROJECT_ID)[0].policy.Statement;
      const unconditional = policyOf(name, statements.map(asUnconditionalAllow));
      const allowed: string[] = [];
      for (const { action, arn } of requests) {
        if (await decide(unconditional, action, arn) === 'Allowed') {
          allowed.push(action);
        }
      }
      expect(`${name}: ${allowed.length > 0}`).toBe(`${name}: true`);
    }
  });

  test('a snapshot of a whole file keeps the templates that allow or deny mobiletargeting actions, wildcards included', () => {
    // GIVEN
    const file: PolicyTemplatesFile = {
      Version: '0.0.1',
      Templates: {
        SqsPolicy: oneStatementTemplate({ Effect: 'Allow', Action: ['sqs:SendMessage*'], Resource: '*' }),
        EverythingPolicy: oneStatementTemplate({ Effect: 'Allow', Action: '*', Resource: '*' }),
        PinpointDenyPolicy: oneStatementTemplate({ Effect: 'Deny', Action: ['mobiletargeting:Get*'], Resource: '*' }),
        AllButPinpointPolicy: oneStatementTemplate({ Effect: 'Allow', NotAction: 'mobiletargeting:*', Resource: '*' }),
      },
    };
    // WHEN
    const snapshot = snapshotOf(file, 'a'.repeat(40), ['about']);
    // THEN
    expect(snapshot.templateNames)
      .toEqual(['AllButPinpointPolicy', 'EverythingPolicy', 'PinpointDenyPolicy', 'SqsPolicy']);
    expect(Object.keys(snapshot.templatesWithMobiletargeting)).toEqual(['EverythingPolicy', 'PinpointDenyPolicy']);
    expect(snapshot.templatesWithMobiletargeting.PinpointDenyPolicy).toEqual({
      Parameters: {}, Definition: file.Templates.PinpointDenyPolicy.Definition,
    });
    expect(snapshot.source).toMatchObject({ commit: 'a'.repeat(40), version: '0.0.1', license: 'Apache-2.0' });
  });

  test('fails to render a snapshot whose template concerns no mobiletargeting action', () => {
    const sqs = oneStatementTemplate({ Effect: 'Allow', Action: ['sqs:SendMessage*'], Resource: '*' });
    const snapshot = { ...readSnapshot(), templatesWithMobiletargeting: { SQSSendMessagePolicy: sqs } };
    expect(() => renderSamPolicyTemplateTable(snapshot))
      .toThrow(/SQSSendMessagePolicy has no statement that allows or denies/);
  });
});
