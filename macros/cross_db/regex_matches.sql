{% macro regex_matches(expression, pattern) -%}
    {{ return(adapter.dispatch('regex_matches')(expression, pattern)) }}
{%- endmacro %}

{% macro default__regex_matches(expression, pattern) -%}
    {#- POSIX-style `~`, which DuckDB and PostgreSQL share. Patterns are written so that
        both engines read them alike (anchored, no engine-specific classes). -#}
    {{ expression }} ~ {{ regex_literal(pattern) }}
{%- endmacro %}

{% macro spark__regex_matches(expression, pattern) -%}
    {#- Spark has no `~`; rlike is a Java regex search, like `~` an unanchored one. -#}
    ({{ expression }}) rlike {{ regex_literal(pattern) }}
{%- endmacro %}
