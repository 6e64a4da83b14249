package org.mrdflow.pipeline.job;

import java.io.Serializable;
import org.mrdflow.pipeline.input.InputFile;
import org.mrdflow.pipeline.privacy.ManifestFields;

/**
 * One file as the driver hands it to a task: where it is, how outputs name it, and its manifest
 * fields. The task reads {@code file.path()} but writes only {@code sourcePath}/{@code fileName}.
 *
 * @param sourcePath what {@code samples.source_path} and every message call the file (a pseudonym
 *     unless file names are kept in clear)
 * @param fileName what {@code samples.file_name} holds
 * @param manifest manifest fields, already pseudonymized; null when no row matched
 * @param manifestMatched null when the run has no manifest, else whether a row matched
 */
public record PlannedSample(InputFile file, String sourcePath, String fileName, ManifestFields manifest,
    Boolean manifestMatched) implements Serializable {}
