{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double')()) }}
{%- endmacro %}

{#- The 8-byte floating-point type. dbt.type_float() is not it: `float` is 4 bytes (REAL) on
    DuckDB and Spark. -#}

{% macro default__type_double() -%}
    {{ return('double precision') }}
{%- endmacro %}

{#- Spark names it `double` and does not know `double precision`. -#}
{% macro spark__type_double() -%}
    {{ return('double') }}
{%- endmacro %}
