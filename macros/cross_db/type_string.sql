{#- dbt.type_string() is how models name the string type, so that one model runs on every
    engine. dbt's default is `text` on PostgreSQL (and DuckDB); the project has always
    written unbounded `varchar`, which its contracts declare, so these two keep it. Spark's
    adapter already answers `string`. -#}

{% macro duckdb__type_string() -%}
    {{ return('varchar') }}
{%- endmacro %}

{% macro postgres__type_string() -%}
    {{ return('varchar') }}
{%- endmacro %}
