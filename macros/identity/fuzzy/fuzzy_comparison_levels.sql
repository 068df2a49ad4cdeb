{% macro fuzzy_comparison_levels(left_alias, right_alias) -%}
    {#- The select-list of every comparison's level for a pair: <comparison>_level. -#}
    {%- for comparison in fuzzy_comparisons() %}
    {{ fuzzy_compare(comparison.macro, left_alias, right_alias) }} as {{ comparison.name }}_level
    {%- if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}
