{% macro compare_postcodes(left_alias, right_alias) -%}
    {{ return(adapter.dispatch('compare_postcodes')(left_alias, right_alias)) }}
{%- endmacro %}

{% macro default__compare_postcodes(left_alias, right_alias) -%}
    {#- Where the records live: 2 same postcode, 1 same city and country (postcodes differ
        or one is missing), 0 different, -1 when neither postcode nor city can be compared. -#}
    case
        when {{ left_alias }}.postcode = {{ right_alias }}.postcode then 2
        when {{ left_alias }}.city_key = {{ right_alias }}.city_key
            and coalesce({{ left_alias }}.country_code, '') = coalesce({{ right_alias }}.country_code, '')
            then 1
        when ({{ left_alias }}.postcode is null or {{ right_alias }}.postcode is null)
            and ({{ left_alias }}.city_key is null or {{ right_alias }}.city_key is null)
            then -1
        else 0
    end
{%- endmacro %}
