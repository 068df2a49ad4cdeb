{% macro sha256_hex(expression) -%}
    {{ return(adapter.dispatch('sha256_hex')(expression)) }}
{%- endmacro %}

{% macro default__sha256_hex(expression) -%}
    {#- DuckDB takes a string and returns lower-case hex. -#}
    sha256({{ expression }})
{%- endmacro %}

{% macro postgres__sha256_hex(expression) -%}
    {#- PostgreSQL's sha256 takes bytea and returns bytea. -#}
    encode(sha256(convert_to({{ expression }}, 'UTF8')), 'hex')
{%- endmacro %}

{% macro spark__sha256_hex(expression) -%}
    {#- Spark names it sha2 (bit length 256); lower-case hex as on the other engines. -#}
    sha2({{ expression }}, 256)
{%- endmacro %}
