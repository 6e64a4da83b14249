package org.mrdflow.pipeline.job;

import java.io.Serializable;
import org.mrdflow.pipeline.input.InputFile;
import org.mrdflow.pipeline.privacy.ManifestFields;

/**
 * One file as the driver hands it to a task: where it is, and its manifest fields.
 *
 * @param manifest manifest fields, already pseudonymized; null when no row matched
 * @param manifestMatched null when the run has no manifest, else whether a row matched
 */
public record PlannedSample(InputFile file, ManifestFields manifest, Boolean manifestMatched)
    implements Serializable {}
