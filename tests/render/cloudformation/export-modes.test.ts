/**
 * The fast model-only export gives exactly the template of the mocked run, for every example
 * program of the repository (loaded as the CLI loads them).
 */
import { expect } from "chai";
import * as path from "node:path";
import { locateProgram, programFunction } from "../../../src/cli/program";
import { exportProgram } from "../../../src/render/cloudformation/export";
import { exampleProgramNames } from "../../example-program";

const EXAMPLES = path.join(__dirname, "..", "..", "..", "examples");

describe("render/cloudformation: model-only export = mocked export (examples)", () => {
  for (const name of exampleProgramNames()) {
    it(`examples/${name}`, async () => {
      const location = locateProgram(path.join(EXAMPLES, name));
      const options = { config: location.config, project: location.project, allowUnsupported: true };
      const model = await exportProgram(programFunction(location), { ...options, mode: "model" });
      const mocks = await exportProgram(programFunction(location), { ...options, mode: "mocks" });
      expect(Object.keys(model.template.Resources).length).to.be.greaterThan(0);
      expect(model.template).to.deep.equal(mocks.template);
      expect(JSON.stringify(model.template)).to.equal(JSON.stringify(mocks.template));
      expect(model.unsupported).to.deep.equal(mocks.unsupported);
      expect(model.skippedOutputs).to.deep.equal(mocks.skippedOutputs);
    });
  }
});
