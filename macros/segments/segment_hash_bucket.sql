{% macro segment_hash_bucket(expression, buckets=10000) -%}
    {{ return(adapter.dispatch('segment_hash_bucket')(expression, buckets)) }}
{%- endmacro %}

{% macro default__segment_hash_bucket(expression, buckets=10000) -%}
    {#- A stable bucket in [0, buckets) from the md5 of the expression: the first six hex
        digits read as a number (0 .. 16^6 - 1) without engine-specific hex parsing. -#}
    {%- set hashed = dbt.hash(expression) -%}
    {%- set digits = [] -%}
    {%- for position in range(6) -%}
        {%- do digits.append(
            "(position(substr(" ~ hashed ~ ", " ~ (position + 1) ~ ", 1) in '0123456789abcdef') - 1) * "
            ~ (16 ** (5 - position))
        ) -%}
    {%- endfor -%}
    ({{ digits | join(' + ') }}) % {{ buckets }}
{%- endmacro %}
