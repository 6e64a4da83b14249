package org.mrdflow.pipeline.outcomes;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes lists of flat result records (the outcome tables of {@code models}) as Parquet: one column
 * per record component, named in snake_case; NaN becomes NULL so queries need not special-case it.
 * Spark's bean encoder does not handle records, hence this small mapping.
 */
public final class RecordTables {

  private RecordTables() {}

  public static <R extends Record> void write(SparkSession spark, List<R> rows, Class<R> type, Path dir) {
    RecordComponent[] components = type.getRecordComponents();
    StructField[] fields = new StructField[components.length];
    for (int i = 0; i < components.length; i++) {
      fields[i] = DataTypes.createStructField(snakeCase(components[i].getName()), sparkType(components[i].getType()), true);
    }
    List<Row> out = new ArrayList<>(rows.size());
    for (R row : rows) {
      Object[] values = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        Object v = value(components[i], row);
        values[i] = v instanceof Double d && !Double.isFinite(d) ? null : v;
      }
      out.add(RowFactory.create(values));
    }
    spark.createDataFrame(out, new StructType(fields)).coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir.toString());
  }

  private static Object value(RecordComponent component, Record row) {
    try {
      return component.getAccessor().invoke(row);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component.getName() + " of " + row.getClass().getSimpleName(), e);
    }
  }

  private static DataType sparkType(Class<?> type) {
    if (type == String.class) {
      return DataTypes.StringType;
    }
    if (type == double.class || type == Double.class) {
      return DataTypes.DoubleType;
    }
    if (type == int.class || type == Integer.class) {
      return DataTypes.IntegerType;
    }
    if (type == long.class || type == Long.class) {
      return DataTypes.LongType;
    }
    if (type == boolean.class || type == Boolean.class) {
      return DataTypes.BooleanType;
    }
    throw new IllegalArgumentException("no Parquet column type for " + type.getName());
  }

  public static String snakeCase(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
