// The playground bundle's entry point: defines the custom elements that
// pages and chapters use. Everything else is imported from here, and
// build/playground.rs bundles it into one ES module.

import { LabPanelsElement } from "./lab_panels";
import { ExerciseCheckElement } from "./exercise_check";
import { LabPlaygroundElement } from "./lab_playground";
import { LabClusterElement } from "./cluster";
import { LabQuizElement } from "./quiz";
import { LabRoomsElement } from "./rooms";

const ELEMENTS: [string, CustomElementConstructor][] = [
  ["lab-panels", LabPanelsElement],
  ["lab-playground", LabPlaygroundElement],
  ["exercise-check", ExerciseCheckElement],
  ["lab-rooms", LabRoomsElement],
  ["lab-quiz", LabQuizElement],
  ["lab-cluster", LabClusterElement],
];
for (const [name, element] of ELEMENTS) {
  if (!customElements.get(name)) {
    customElements.define(name, element);
  }
}
