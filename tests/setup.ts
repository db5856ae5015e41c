// Root hooks shared by every test file.
import { resetSettings } from "../src/core/settings";

export const mochaHooks = {
  afterEach(): void {
    resetSettings();
  },
};
