{% macro compare_last_names(left_alias, right_alias) -%}
    {{ return(adapter.dispatch('compare_last_names')(left_alias, right_alias)) }}
{%- endmacro %}

{% macro default__compare_last_names(left_alias, right_alias) -%}
    {#- 3 exact, 2 typo (Jaro-Winkler >= 0.92), 1 similar (>= 0.85, or one name is a part
        of the other's double-barrelled name), 0 different, -1 missing. -#}
    case
        when {{ left_alias }}.last_name_key is null or {{ right_alias }}.last_name_key is null
            then -1
        when {{ left_alias }}.last_name_key = {{ right_alias }}.last_name_key then 3
        when {{ jaro_winkler(left_alias ~ '.last_name_key', right_alias ~ '.last_name_key') }} >= 0.92
            then 2
        when {{ jaro_winkler(left_alias ~ '.last_name_key', right_alias ~ '.last_name_key') }} >= 0.85
            or split_part({{ left_alias }}.last_name_key, '-', 1) = {{ right_alias }}.last_name_key
            or split_part({{ right_alias }}.last_name_key, '-', 1) = {{ left_alias }}.last_name_key
            then 1
        else 0
    end
{%- endmacro %}
