{% macro rejected_value_checks() -%}
    {#- The values staging validates, per raw table of every enabled source: the relation the
        staging model reads (deduplicated or joined as staging does), the record key in its
        staging form, and per checked column the raw value expression and its
        rejection_reason SQL, with the same arguments as the staging model (country of a
        phone...). stg_quality__rejected_values lists every rejected value from it, and
        tests/quality/assert_rejected_values_match_staging proves that each value a staging
        model nulls is listed, and nothing else. A check is
          column       the staging column that is null when the value is rejected
          value        SQL expression of the raw value (default: the column)
          kind         rejection_reason kind, with `options`; or `reason`: SQL of the reason
          flagged      staging also has has_invalid_<column> and is_placeholder_<column>
        A table whose raw rows never change once loaded (an event log) also names its raw
        load time, `loaded_at`: stg_quality__rejected_event_values checks only its new loads.
        A table whose records change in place (a new version of the row is loaded) names it
        too, with `updated_in_place`: stg_quality__rejected_record_values checks again the
        records with a row loaded since its last run (raw key column: id).
        Add a source's checks here when adding it to staging. -#}
    {%- set tables = [] -%}
    {%- set id_as_text = 'cast(id as ' ~ dbt.type_string() ~ ')' -%}

    {%- if var('cdp_using_web') -%}
        {%- do tables.append({
            'source_name': 'web', 'table_name': 'identifies', 'model': 'stg_web__identifies',
            'relation': '(' ~ deduplicate(source('web', 'identifies'), 'id', 'received_at, sent_at') ~ ')',
            'record_id': id_as_text, 'record_id_column': 'identify_id',
            'checks': [
                {'column': 'email', 'kind': 'email', 'flagged': true},
                {'column': 'phone', 'kind': 'phone', 'flagged': true},
                {'column': 'first_name', 'kind': 'name'},
                {'column': 'last_name', 'kind': 'name'}
            ]
        }) -%}
    {%- endif -%}

    {%- if var('cdp_using_shop') -%}
        {%- do tables.append({
            'source_name': 'shop', 'table_name': 'customers', 'model': 'stg_shop__customers',
            'relation': source('shop', 'customers'),
            'record_id': id_as_text, 'record_id_column': 'customer_id',
            'loaded_at': '_fivetran_synced', 'updated_in_place': true,
            'checks': [
                {'column': 'email', 'kind': 'email', 'flagged': true},
                {'column': 'phone', 'kind': 'phone', 'flagged': true,
                 'options': {'country_expression': 'default_address_country_code'}},
                {'column': 'first_name', 'kind': 'name'},
                {'column': 'last_name', 'kind': 'name'},
                {'column': 'address_line1', 'value': 'default_address_address1', 'kind': 'text'},
                {'column': 'city', 'value': 'default_address_city', 'kind': 'text'},
                {'column': 'postcode', 'value': 'default_address_zip', 'kind': 'postcode'},
                {'column': 'country_code', 'value': 'default_address_country_code', 'kind': 'country'}
            ]
        }) -%}
        {%- do tables.append({
            'source_name': 'shop', 'table_name': 'orders', 'model': 'stg_shop__orders',
            'relation': source('shop', 'orders'),
            'record_id': id_as_text, 'record_id_column': 'order_id',
            'loaded_at': '_fivetran_synced', 'updated_in_place': true,
            'checks': [
                {'column': 'email', 'kind': 'email', 'flagged': true},
                {'column': 'phone', 'value': "coalesce(nullif(trim(phone), ''), billing_address_phone)",
                 'source_column': 'phone, billing_address_phone', 'kind': 'phone', 'flagged': true,
                 'options': {'country_expression': 'billing_address_country_code'}},
                {'column': 'billing_first_name', 'value': 'billing_address_first_name', 'kind': 'name'},
                {'column': 'billing_last_name', 'value': 'billing_address_last_name', 'kind': 'name'},
                {'column': 'billing_address_line1', 'value': 'billing_address_address1', 'kind': 'text'},
                {'column': 'billing_city', 'value': 'billing_address_city', 'kind': 'text'},
                {'column': 'billing_postcode', 'value': 'billing_address_zip', 'kind': 'postcode'},
                {'column': 'billing_country_code', 'value': 'billing_address_country_code', 'kind': 'country'}
            ]
        }) -%}
    {%- endif -%}

    {%- if var('cdp_using_payments') -%}
        {%- do tables.append({
            'source_name': 'payments', 'table_name': 'customers', 'model': 'stg_payments__customers',
            'relation': source('payments', 'customers'),
            'record_id': id_as_text, 'record_id_column': 'payments_customer_id',
            'loaded_at': '_fivetran_synced', 'updated_in_place': true,
            'checks': [
                {'column': 'email', 'kind': 'email', 'flagged': true},
                {'column': 'phone', 'kind': 'phone', 'flagged': true,
                 'options': {'country_expression': normalize_country('address_country')}},
                {'column': 'full_name', 'value': 'name', 'kind': 'name'},
                {'column': 'address_line1', 'kind': 'text'},
                {'column': 'city', 'value': 'address_city', 'kind': 'text'},
                {'column': 'postcode', 'value': 'address_postal_code', 'kind': 'postcode'},
                {'column': 'country_code', 'value': 'address_country', 'kind': 'country'}
            ]
        }) -%}
        {%- do tables.append({
            'source_name': 'payments', 'table_name': 'charges', 'model': 'stg_payments__charges',
            'relation': source('payments', 'charges'),
            'record_id': id_as_text, 'record_id_column': 'charge_id',
            'loaded_at': '_fivetran_synced', 'updated_in_place': true,
            'checks': [
                {'column': 'billing_email', 'value': 'billing_details_email', 'kind': 'email', 'flagged': true}
            ]
        }) -%}
    {%- endif -%}

    {%- if var('cdp_using_crm') -%}
        {%- do tables.append({
            'source_name': 'crm', 'table_name': 'contacts', 'model': 'stg_crm__contacts',
            'relation': source('crm', 'contacts'),
            'record_id': id_as_text, 'record_id_column': 'contact_id',
            'loaded_at': '_loaded_at', 'updated_in_place': true,
            'checks': [
                {'column': 'email', 'kind': 'email', 'flagged': true},
                {'column': 'phone', 'kind': 'phone', 'flagged': true,
                 'options': {'country_expression': normalize_country('country')}},
                {'column': 'mobile_phone', 'kind': 'phone', 'flagged': true,
                 'options': {'country_expression': normalize_country('country')}},
                {'column': 'first_name', 'kind': 'name'},
                {'column': 'last_name', 'kind': 'name'},
                {'column': 'birth_date', 'value': 'date_of_birth', 'kind': 'date', 'flagged': true,
                 'options': {'slash_order': 'mdy'}},
                {'column': 'address_line1', 'value': 'street_address', 'kind': 'text'},
                {'column': 'city', 'kind': 'text'},
                {'column': 'postcode', 'value': 'postal_code', 'kind': 'postcode'},
                {'column': 'country_code', 'value': 'country', 'kind': 'country'},
                {'column': 'company_name', 'value': 'company', 'kind': 'text'},
                {'column': 'job_title', 'kind': 'text'}
            ]
        }) -%}
    {%- endif -%}

    {%- if var('cdp_using_support') -%}
        {%- do tables.append({
            'source_name': 'support', 'table_name': 'users', 'model': 'stg_support__users',
            'relation': source('support', 'users'),
            'record_id': id_as_text, 'record_id_column': 'support_user_id',
            'loaded_at': '_fivetran_synced', 'updated_in_place': true,
            'checks': [
                {'column': 'email', 'kind': 'email', 'flagged': true},
                {'column': 'phone', 'kind': 'phone', 'flagged': true,
                 'options': {'country_expression': locale_country_code('locale')}},
                {'column': 'full_name', 'value': 'name', 'kind': 'name'}
            ]
        }) -%}
    {%- endif -%}

    {%- if var('cdp_using_email') -%}
        {%- do tables.append({
            'source_name': 'email', 'table_name': 'subscribers', 'model': 'stg_email__subscribers',
            'relation': source('email', 'subscribers'),
            'record_id': id_as_text, 'record_id_column': 'subscriber_id',
            'loaded_at': '_loaded_at', 'updated_in_place': true,
            'checks': [
                {'column': 'email', 'kind': 'email', 'flagged': true},
                {'column': 'first_name', 'kind': 'name'},
                {'column': 'last_name', 'kind': 'name'}
            ]
        }) -%}
        {%- for table_name, key in [
            ('sends', 'send_id'), ('opens', 'open_id'), ('clicks', 'click_id'),
            ('unsubscribes', 'unsubscribe_id'), ('bounces', 'bounce_id')
        ] -%}
            {%- do tables.append({
                'source_name': 'email', 'table_name': table_name, 'model': 'stg_email__' ~ table_name,
                'relation': source('email', table_name),
                'record_id': id_as_text, 'record_id_column': key, 'loaded_at': '_loaded_at',
                'checks': [{'column': 'email', 'kind': 'email', 'flagged': true}]
            }) -%}
        {%- endfor -%}
    {%- endif -%}

    {%- if var('cdp_using_pos') -%}
        {#- members live in the country of the store that enrolled them (as in staging) -#}
        {%- set members -%}
            (
                select
                    members.*,
                    {{ normalize_country('stores.country_code') }} as store_country_code
                from {{ source('pos', 'loyalty_members') }} as members
                left join {{ source('pos', 'stores') }} as stores
                    on members.enrolled_store_id = stores.id
            )
        {%- endset -%}
        {%- do tables.append({
            'source_name': 'pos', 'table_name': 'loyalty_members', 'model': 'stg_pos__loyalty_members',
            'relation': members,
            'record_id': normalize_card_number('card_number'), 'record_id_column': 'loyalty_card_number',
            'checks': [
                {'column': 'email', 'kind': 'email', 'flagged': true},
                {'column': 'phone', 'kind': 'phone', 'flagged': true,
                 'options': {'country_expression': 'store_country_code'}},
                {'column': 'first_name', 'kind': 'name'},
                {'column': 'last_name', 'kind': 'name'},
                {'column': 'postcode', 'kind': 'postcode'},
                {'column': 'birth_date', 'kind': 'date', 'flagged': true, 'options': {'slash_order': 'dmy'}}
            ]
        }) -%}
        {%- do tables.append({
            'source_name': 'pos', 'table_name': 'stores', 'model': 'stg_pos__stores',
            'relation': source('pos', 'stores'),
            'record_id': id_as_text, 'record_id_column': 'store_id',
            'checks': [
                {'column': 'city', 'kind': 'text'},
                {'column': 'postcode', 'kind': 'postcode'},
                {'column': 'country_code', 'kind': 'country'}
            ]
        }) -%}
    {%- endif -%}

    {%- if var('cdp_using_privacy') -%}
        {%- do tables.append({
            'source_name': 'privacy', 'table_name': 'erasure_requests', 'model': 'stg_privacy__erasure_requests',
            'relation': source('privacy', 'erasure_requests'),
            'record_id': id_as_text, 'record_id_column': 'erasure_request_id',
            'checks': [
                {'column': 'identifier_value', 'flagged': true,
                 'reason': identifier_rejection_reason('identifier_type', 'identifier_value')}
            ]
        }) -%}
    {%- endif -%}

    {#- fill in the defaults: value = column, source_column = value, reason from kind -#}
    {%- for table in tables -%}
        {%- for check in table.checks -%}
            {%- do check.setdefault('value', check.column) -%}
            {%- do check.setdefault('source_column', check.value) -%}
            {%- do check.setdefault('flagged', false) -%}
            {%- if 'reason' not in check -%}
                {%- do check.update({'reason': rejection_reason(check.value, check.kind, check.get('options', {}))}) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(tables) }}
{%- endmacro %}
