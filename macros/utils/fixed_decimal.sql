{% macro fixed_decimal(expression, scale) -%}
    {{ return(adapter.dispatch('fixed_decimal')(expression, scale)) }}
{%- endmacro %}

{% macro default__fixed_decimal(expression, scale) -%}
    {#- The value rounded to scale digits after the point, as a fixed-point decimal of 38
        digits. Floating-point sums depend on the order of the terms, which parallel
        aggregation changes from run to run; sums of decimals are exact, so they do not.
        DuckDB casts a double by way of the double scaled by 10^scale: the last digit is
        approximate once that passes 2^53 (about 9,000 at 12 digits), the same in every
        run. Going through text would be exact but costs a hundred times more. -#}
    cast({{ expression }} as decimal(38, {{ scale }}))
{%- endmacro %}
