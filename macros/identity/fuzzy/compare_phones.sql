{% macro compare_phones(left_alias, right_alias) -%}
    {{ return(adapter.dispatch('compare_phones')(left_alias, right_alias)) }}
{%- endmacro %}

{% macro default__compare_phones(left_alias, right_alias) -%}
    {#- On E.164 phones: 2 exact, 1 same last seven digits (a landline typed with another
        area or country code), 0 different, -1 missing. -#}
    case
        when {{ left_alias }}.phone is null or {{ right_alias }}.phone is null then -1
        when {{ left_alias }}.phone = {{ right_alias }}.phone then 2
        when right({{ left_alias }}.phone, 7) = right({{ right_alias }}.phone, 7) then 1
        else 0
    end
{%- endmacro %}
