{% macro normalize_phone(column_name, default_country=none, country_expression=none) -%}
    {{ return(adapter.dispatch('normalize_phone')(column_name, default_country, country_expression)) }}
{%- endmacro %}

{% macro default__normalize_phone(column_name, default_country=none, country_expression=none) -%}
    {#- E.164 ('+' and digits) or null. Steps ('P' marks "international from here on"):
          1. lower/trim; drop an extension (x123, ext. 123, #123) and a "(0)" after a
             country code; only digits, spaces and ( ) . / - may remain, one leading +
          2. a leading + or 00 (011 in North America) means the number carries its
             country code
          3. else the trunk prefix of the record's country (0 in GB/DE/FR...) is replaced
             by its calling code
          4. digits that already are the country's calling code followed by a valid
             national number (1 415 555 0123, 44 20 7946 0958) are taken as international
          5. anything else is a national number: the calling code is prefixed
        The result must match the national pattern of its calling code
        (phone_numbering_plans), or have 8 to 15 digits for a code not listed there, and
        its last nine digits must not be one repeated digit (0000000000, 9999999999).
        The record's country is country_expression (an ISO alpha-2 SQL expression) when
        given and not null, else default_country (var cdp_default_phone_country).
        Written as a scalar subquery over derived tables so that each step is computed
        once per value, with constant regex patterns only. -#}
    {%- set default_country = (default_country or var('cdp_default_phone_country', 'US')) | upper -%}
    {%- set plans = phone_numbering_plans() -%}
    {%- if country_expression is none -%}
        {%- set country -%}'{{ default_country }}'{%- endset -%}
    {%- else -%}
        {%- set country -%}upper(coalesce(nullif(trim(cast({{ country_expression }} as {{ dbt.type_string() }})), ''), '{{ default_country }}')){%- endset -%}
    {%- endif -%}
    {%- set trunk_countries = [] -%}
    {%- set known_codes = [] -%}
    {%- set valid_numbers = [] -%}
    {%- for plan in plans -%}
        {%- if plan.trunk_prefix == '0' -%}{%- do trunk_countries.extend(plan.countries) -%}{%- endif -%}
        {%- do known_codes.append(plan.calling_code) -%}
        {%- do valid_numbers.append(plan.calling_code ~ '(?:' ~ plan.national_pattern ~ ')') -%}
    {%- endfor -%}
    (
        select
            case
                when
                    phone_marked.phone_is_typed
                    and (
                        {{ regex_matches('phone_marked.phone_marked_digits', '^P(' ~ valid_numbers | join('|') ~ ')$') }}
                        or (
                            not {{ regex_matches('phone_marked.phone_marked_digits', '^P(' ~ known_codes | unique | join('|') ~ ')') }}
                            and {{ regex_matches('phone_marked.phone_marked_digits', '^P[1-9][0-9]{7,14}$') }}
                        )
                    )
                    and replace(right(phone_marked.phone_marked_digits, 9), right(phone_marked.phone_marked_digits, 1), '') <> ''
                    then '+' || substr(phone_marked.phone_marked_digits, 2)
            end
        from (
            select
                phone_prefixed.phone_is_typed,
                case
                    when phone_prefixed.phone_digits like 'P%' then phone_prefixed.phone_digits
                    {%- for plan in plans %}
                    when phone_prefixed.phone_country_code in ('{{ plan.countries | join("', '") }}')
                        and {{ regex_matches('phone_prefixed.phone_digits', '^' ~ plan.calling_code ~ '(?:' ~ plan.national_pattern ~ ')$') }}
                        then 'P' || phone_prefixed.phone_digits
                    {%- endfor %}
                    else 'P' || phone_prefixed.phone_calling_code || phone_prefixed.phone_digits
                end as phone_marked_digits
            from (
                select
                    phone_input.phone_country_code,
                    phone_input.phone_calling_code,
                    {{ regex_matches('phone_input.phone_text', '^\\+?[0-9(][0-9 ()./-]*$') }} as phone_is_typed,
                    {%- set plus_marked = regex_replace('phone_input.phone_text', '^\\+', 'P', all=false) %}
                    {%- set digits_only = regex_replace(plus_marked, '[^0-9P]', '') %}
                    {%- set double_zero_marked = regex_replace(digits_only, '^00', 'P', all=false) %}
                    {%- set nanp_exit_marked = regex_replace(
                        double_zero_marked, '^011', none, all=false,
                        replacement_sql="case when phone_input.phone_calling_code = '1' then 'P' else '011' end"
                    ) %}
                    {%- set trunk_replaced -%}
                        case
                            when phone_input.phone_country_code in ('{{ trunk_countries | join("', '") }}')
                                then 'P' || phone_input.phone_calling_code
                            else '0'
                        end
                    {%- endset %}
                    {{ regex_replace(nanp_exit_marked, '^0', none, all=false, replacement_sql=trunk_replaced) }} as phone_digits
                from (
                    select
                        phone_country.phone_country_code,
                        phone_country.phone_text,
                        case
                        {%- for plan in plans %}
                            when phone_country.phone_country_code in ('{{ plan.countries | join("', '") }}') then '{{ plan.calling_code }}'
                        {%- endfor %}
                        end as phone_calling_code
                    from (
                        select
                            {{ country }} as phone_country_code,
                            replace(
                                {{ regex_replace(
                                    'lower(trim(cast(' ~ column_name ~ ' as ' ~ dbt.type_string() ~ ')))',
                                    '\\s*(extension|ext\\.?|x|#)\\s*[0-9]+$', '', all=false
                                ) }},
                                '(0)', ''
                            ) as phone_text
                        {{ optimization_fence() }}
                    ) as phone_country
                    {{ optimization_fence() }}
                ) as phone_input
                {{ optimization_fence() }}
            ) as phone_prefixed
            {{ optimization_fence() }}
        ) as phone_marked
    )
{%- endmacro %}
