{% macro compare_first_names(left_alias, right_alias) -%}
    {{ return(adapter.dispatch('compare_first_names')(left_alias, right_alias)) }}
{%- endmacro %}

{% macro default__compare_first_names(left_alias, right_alias) -%}
    {#- 4 exact, 3 nickname-equal (same canonical name, or a pair in the nickname seed),
        2 typo (Jaro-Winkler >= 0.92), 1 similar (>= 0.85), 0 different, -1 missing. -#}
    case
        when {{ left_alias }}.first_name_key is null or {{ right_alias }}.first_name_key is null
            then -1
        when {{ left_alias }}.first_name_key = {{ right_alias }}.first_name_key then 4
        when {{ left_alias }}.first_name_canonical = {{ right_alias }}.first_name_canonical
            or exists (
                select 1
                from {{ ref('int_identity__name_equivalences') }} as equivalent_names
                where equivalent_names.name_key = {{ left_alias }}.first_name_key
                    and equivalent_names.equivalent_name_key = {{ right_alias }}.first_name_key
            )
            then 3
        when {{ jaro_winkler(left_alias ~ '.first_name_key', right_alias ~ '.first_name_key') }} >= 0.92
            then 2
        when {{ jaro_winkler(left_alias ~ '.first_name_key', right_alias ~ '.first_name_key') }} >= 0.85
            then 1
        else 0
    end
{%- endmacro %}
