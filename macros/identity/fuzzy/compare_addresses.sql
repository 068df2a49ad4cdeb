{% macro compare_addresses(left_alias, right_alias) -%}
    {{ return(adapter.dispatch('compare_addresses')(left_alias, right_alias)) }}
{%- endmacro %}

{% macro default__compare_addresses(left_alias, right_alias) -%}
    {#- On normalized street lines: 2 exact, 1 same house number and a close street
        (Jaro-Winkler >= 0.88: a typo, a missing flat number), 0 different, -1 missing. -#}
    case
        when {{ left_alias }}.address_key is null or {{ right_alias }}.address_key is null then -1
        when {{ left_alias }}.address_key = {{ right_alias }}.address_key then 2
        when split_part({{ left_alias }}.address_key, ' ', 1) = split_part({{ right_alias }}.address_key, ' ', 1)
            and {{ jaro_winkler(left_alias ~ '.address_key', right_alias ~ '.address_key') }} >= 0.88
            then 1
        else 0
    end
{%- endmacro %}
