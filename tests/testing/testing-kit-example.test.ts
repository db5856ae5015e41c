// examples/testing-kit/index.test.ts is a user's unit test of the example's program with the
// testing kit: it runs in this suite as it is (importing it registers its tests), so the example
// cannot drift from the kit.
import "../../examples/testing-kit/index.test";
