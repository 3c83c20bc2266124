/**
 * The access check on every template of the corpus (public CloudFormation and SAM templates, and a case of each shape
 * real templates use), held against the independent judge: `@cloud-copilot/iam-simulate` decides, on the templates
 * resolved in every world of their conditions and parameters, who can call which analytics action on which ARN, and
 * the report must show every such access (marked `onlyWhen` where it holds only in some worlds), drop no principal,
 * and list nothing else but what a documented limit of the check explains.
 */
import * as path from 'path';
import { checkTemplates } from '../../lib/private/access-check/check';
import { extraAccess, judgeWorlds, listCases, loadCase, missedAccess, unexplainedExtras } from '../support';

describe.each(listCases())('%s', (name) => {
  test('the report shows every access the evaluator allows, and nothing it cannot explain', async () => {
    // GIVEN the case's templates and what the evaluator decides in each of its worlds
    const corpusCase = loadCase(name);
    const judged = await judgeWorlds(corpusCase.worlds, corpusCase.probes);
    // WHEN the check reads the templates
    const check = checkTemplates(corpusCase.templates, { pluginName: 'PinpointAccessValidator' });
    const report = check.report(path.dirname(corpusCase.templates[0].path));
    // THEN
    expect(missedAccess(report, judged)).toEqual([]);
    expect(unexplainedExtras(extraAccess(report, judged), corpusCase.expectedExtras, judged)).toEqual([]);
  });
});
